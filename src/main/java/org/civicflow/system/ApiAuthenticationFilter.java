package org.civicflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for CivicFlow's own API ({@code /api/**}) against Camunda's identity service, so users,
 * passwords and groups are managed in one place (Camunda Admin). The authenticated user is set on the
 * identity service for the request, so engine authorization checks apply to what the API does. Passwords go
 * through {@link PasswordCheck} (429 while the client is blocked).
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final ObjectMapper objectMapper;
    private final PasswordCheck passwordCheck;

    ApiAuthenticationFilter(IdentityService identityService, ObjectMapper objectMapper, PasswordCheck passwordCheck) {
        this.identityService = identityService;
        this.objectMapper = objectMapper;
        this.passwordCheck = passwordCheck;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization")).orElse(null);
        if (credentials == null) {
            unauthorized(response);
            return;
        }
        PasswordCheck.Outcome outcome = passwordCheck.check(request, credentials.userId(), credentials.password());
        if (outcome.blocked()) {
            passwordCheck.writeBlocked(response, outcome.retryAfter());
            return;
        }
        if (!outcome.authenticated()) {
            unauthorized(response);
            return;
        }
        String userId = credentials.userId();
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .list().stream().map(Tenant::getId).toList();
        identityService.setAuthentication(userId, groups, tenants);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }


    private void unauthorized(HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemHandler.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "未登录",
                "请使用 HTTP Basic 提供用户名和密码");
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Basic realm=\"CivicFlow\", charset=\"UTF-8\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
