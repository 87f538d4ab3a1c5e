package org.civicflow.system;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Jobs are the processes' legal deadlines: executing a timer job runs its deadline now (a tender's bids would be
 * opened before the bid deadline, were the rule not checking the clock itself), and a due date, retries or a
 * suspension move or stop it. On the engine REST API and the webapps' engine API (Cockpit), only administrators
 * (camunda-admin) may operate on jobs and job definitions; every such operation is logged (WARN: who, what, which
 * job and process instance), and anyone else is refused (403) before the engine is asked. Reading jobs (GET, and
 * the POST queries {@code /job}, {@code /job/count}) is left to the engine's authorizations.
 */
final class JobOperationGuardFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(JobOperationGuardFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** One guarded operation: the resource ({@code job} or {@code job-definition}), its id (null for a batch). */
    record Operation(String resource, String id, String action, boolean webapp, String engineName) {
    }

    private final EngineApiPaths paths;
    private final Administrators administrators;
    private final IdentityService identityService;
    private final ManagementService managementService;
    private final AsSystem asSystem;
    private final ObjectMapper objectMapper;

    JobOperationGuardFilter(String engineRestPath, String webappPath, Administrators administrators,
                            IdentityService identityService, ManagementService managementService, AsSystem asSystem,
                            ObjectMapper objectMapper) {
        this.paths = new EngineApiPaths(engineRestPath, webappPath);
        this.administrators = administrators;
        this.identityService = identityService;
        this.managementService = managementService;
        this.asSystem = asSystem;
        this.objectMapper = objectMapper;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (!(servletRequest instanceof HttpServletRequest request)
                || !(servletResponse instanceof HttpServletResponse response)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        Set<Operation> operations = operations(request);
        if (operations.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        for (Operation operation : operations) {
            String user = userOf(request, operation);
            if (!administrators.isAdministrator(user)) {
                LOG.warn("Refused job operation {} {} by {}: not an administrator", request.getMethod(),
                        request.getRequestURI(), user);
                ProblemResponses.write(response, objectMapper, ProblemHandler.problem(HttpStatus.FORBIDDEN,
                        "job-operation-forbidden", "无权访问",
                        "只有管理员可以执行、改期、重试或挂起作业（流程中的期限由定时器按时触发）"));
                return;
            }
        }
        Operation operation = operations.iterator().next();
        LOG.warn("Administrator {} {} {} {} {} (process instance {}): {} {}", userOf(request, operation),
                operation.action(), operation.resource(), operation.id() == null ? "(several)" : operation.id(),
                operation.webapp() ? "via the webapps" : "via the engine REST API", processInstanceOf(operation),
                request.getMethod(), request.getRequestURI());
        chain.doFilter(request, response);
    }

    /** The job operations this request may reach, over every normalized spelling of its path. */
    Set<Operation> operations(HttpServletRequest request) {
        Set<Operation> operations = new LinkedHashSet<>();
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (READS.contains(method)) {
            return operations;
        }
        for (EngineApiPaths.Target target : paths.targets(request)) {
            Operation operation = operation(method, target);
            if (operation != null) {
                operations.add(operation);
            }
        }
        return operations;
    }

    static Operation operation(String method, EngineApiPaths.Target target) {
        List<String> s = target.segments().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        if (s.isEmpty() || !s.get(0).equals("job") && !s.get(0).equals("job-definition")) {
            return null;
        }
        // the queries: POST /job, /job/count, /job-definition, /job-definition/count
        if (method.equals("POST") && (s.size() == 1 || s.size() == 2 && s.get(1).equals("count"))) {
            return null;
        }
        String resource = s.get(0);
        boolean batch = s.size() < 2 || s.get(1).equals("retries") || s.get(1).equals("suspended");
        String id = batch ? null : target.segments().get(1);
        String action = batch ? (s.size() < 2 ? method.toLowerCase(Locale.ROOT) : s.get(1))
                : s.size() > 2 ? String.join("/", s.subList(2, s.size())) : method.toLowerCase(Locale.ROOT);
        return new Operation(resource, id, action, target.webapp(), target.engineName());
    }

    private String processInstanceOf(Operation operation) {
        if (!operation.resource().equals("job") || operation.id() == null) {
            return "-";
        }
        Job job = asSystem.get(() -> managementService.createJobQuery().jobId(operation.id()).singleResult());
        return job == null ? "unknown" : job.getProcessInstanceId() + ", " + job.getProcessDefinitionKey();
    }

    private String userOf(HttpServletRequest request, Operation operation) {
        return EngineApiPaths.userOf(request, operation.webapp() ? operation.engineName() : null, identityService);
    }
}
