package org.civicflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards Spring Boot Actuator: {@code GET} (or {@code HEAD}) of exactly {@code <base>/health} and
 * {@code <base>/info} is anonymous; everything else under the base path needs HTTP Basic credentials
 * of a member of {@code camunda-admin}, checked against Camunda's identity service through
 * {@link PasswordCheck} (so login throttling applies). 401 without valid credentials, 403 for other users.
 */
final class ActuatorSecurityFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final ObjectMapper objectMapper;
    private final PasswordCheck passwordCheck;
    private final String basePath;
    private final Set<String> anonymousPaths;

    /** @param basePath the actuator base path within the application, e.g. {@code /actuator} */
    ActuatorSecurityFilter(IdentityService identityService, ObjectMapper objectMapper, PasswordCheck passwordCheck,
                           String basePath) {
        this.identityService = identityService;
        this.objectMapper = objectMapper;
        this.passwordCheck = passwordCheck;
        this.basePath = basePath;
        this.anonymousPaths = Set.of(basePath + "/health", basePath + "/info");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the container's decoded, normalized path without path parameters: what Spring MVC matches too
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
            chain.doFilter(request, response);
            return;
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (read && anonymousPaths.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization")).orElse(null);
        PasswordCheck.Outcome outcome = credentials == null ? null
                : passwordCheck.check(request, credentials.userId(), credentials.password());
        if (outcome != null && outcome.blocked()) {
            passwordCheck.writeBlocked(response, outcome.retryAfter());
            return;
        }
        if (outcome == null || !outcome.authenticated()) {
            problem(response, HttpStatus.UNAUTHORIZED, "unauthorized", "未登录",
                    "管理端点需要管理员使用 HTTP Basic 提供用户名和密码");
            return;
        }
        if (identityService.createUserQuery().userId(credentials.userId()).memberOfGroup(Groups.ADMIN).count() == 0) {
            problem(response, HttpStatus.FORBIDDEN, "forbidden", "无权访问", "只有系统管理员可以访问此管理端点");
            return;
        }
        chain.doFilter(request, response);
    }


    private void problem(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemHandler.problem(status, type, title, detail);
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"CivicFlow Actuator\", charset=\"UTF-8\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
