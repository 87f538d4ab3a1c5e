package org.civicflow.system;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * CVE-2026-77226: the Admin webapp's first-run setup ({@code {app}/api/admin/setup/{engine}/user/create})
 * only checks for direct members of camunda-admin, so it would create another administrator whenever
 * that group is empty even though administrators exist by authorization. This filter closes every
 * setup endpoint (any method, any spelling of the path) as soon as any administrator exists; on a
 * truly fresh install the request passes through unchanged.
 */
final class AdminSetupGuardFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSetupGuardFilter.class);

    private final BooleanSupplier administratorExists;
    private final ObjectMapper objectMapper;
    private final String setupPath;

    /**
     * @param webappPath the webapps' application path (Camunda's default {@code /camunda})
     * @param administratorExists asked only for setup requests
     */
    AdminSetupGuardFilter(String webappPath, BooleanSupplier administratorExists, ObjectMapper objectMapper) {
        this.setupPath = RequestPaths.normalize(webappPath + "/api/admin/setup");
        this.administratorExists = administratorExists;
        this.objectMapper = objectMapper;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (!(servletRequest instanceof HttpServletRequest request)
                || !(servletResponse instanceof HttpServletResponse response)
                || !isSetupRequest(request)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        boolean refuse;
        try {
            refuse = administratorExists.getAsBoolean();
        } catch (RuntimeException e) {
            // fail closed: without an answer the setup stays shut
            LOG.error("Cannot tell whether an administrator exists; refusing the setup request", e);
            ProblemResponses.write(response, objectMapper, ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "setup-unavailable", "暂时无法初始化", "暂时无法确认系统管理员状态，请稍后重试"));
            return;
        }
        if (refuse) {
            LOG.warn("Refused Admin setup request {} {} from {}: an administrator exists", request.getMethod(),
                    request.getRequestURI(), request.getRemoteAddr());
            ProblemResponses.write(response, objectMapper, ProblemHandler.problem(HttpStatus.FORBIDDEN,
                    "setup-not-available", "初始化已完成", "系统已有管理员，不能再通过初始化功能创建管理员账号"));
            return;
        }
        chain.doFilter(request, response);
    }

    boolean isSetupRequest(HttpServletRequest request) {
        return RequestPaths.candidates(request).stream().anyMatch(path -> RequestPaths.isAtOrBelow(path, setupPath));
    }
}
