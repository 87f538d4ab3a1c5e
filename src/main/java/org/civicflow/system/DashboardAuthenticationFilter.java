package org.civicflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who opens the manager dashboard. A browser is usually logged into Tasklist or Cockpit already: Camunda's
 * webapps keep that login in the HTTP session, so the dashboard takes the user from there (same session
 * cookie, same server). Without such a session HTTP Basic is accepted (scripts, tests), checked through
 * {@link PasswordCheck} like {@code /api} (429 while the client is blocked). Otherwise 401 with a Basic
 * challenge and a page linking to the webapp login. Groups are read afresh from the identity service, not from the session, so a membership removed in
 * Camunda Admin takes effect at once. The user is set on the identity service for the request, so Camunda's
 * authorization checks (overdue tasks) see the same user.
 */
final class DashboardAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final PasswordCheck passwordCheck;
    private final String engineName;

    DashboardAuthenticationFilter(IdentityService identityService, PasswordCheck passwordCheck, String engineName) {
        this.identityService = identityService;
        this.passwordCheck = passwordCheck;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> user = fromWebappSession(request);
        BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization")).orElse(null);
        if (user.isEmpty() && credentials != null) {
            PasswordCheck.Outcome outcome = passwordCheck.check(request, credentials.userId(), credentials.password());
            if (outcome.blocked()) {
                passwordCheck.writeBlocked(response, outcome.retryAfter());
                return;
            }
            user = outcome.authenticated() ? Optional.of(credentials.userId()) : Optional.empty();
        }
        if (user.isEmpty()) {
            unauthorized(response);
            return;
        }
        String userId = user.get();
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

    /** The user logged into a Camunda webapp of this engine, if this request carries that session. */
    private Optional<String> fromWebappSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications;
        try {
            authentications = AuthenticationUtil.getAuthsFromSession(session);
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
        if (authentications == null) {
            return Optional.empty();
        }
        Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
        if (!(authentication instanceof UserAuthentication) || authentication.getIdentityId() == null) {
            return Optional.empty();
        }
        String userId = authentication.getIdentityId();
        // the user may have been deleted since the login
        return identityService.createUserQuery().userId(userId).count() == 1 ? Optional.of(userId) : Optional.empty();
    }

    /** Static text only: nothing of the request is echoed. */
    private static void unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"CivicFlow\", charset=\"UTF-8\"");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", DashboardController.CONTENT_SECURITY_POLICY);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(("""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="UTF-8"><title>请先登录</title></head>
                <body><h1>请先登录</h1>
                <p>管理看板仅供民政局和街道工作人员使用。请先登录
                <a href="/camunda/app/tasklist/default/">Tasklist</a> 或
                <a href="/camunda/app/cockpit/default/">Cockpit</a>，再打开 <a href="/dashboard">/dashboard</a>。</p>
                </body></html>
                """).getBytes(StandardCharsets.UTF_8));
    }
}
