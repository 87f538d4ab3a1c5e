package org.civicflow.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's engine REST authentication (engine lookup from the path, groups and tenants, the unauthenticated
 * paths Camunda allows) with HTTP Basic checked through {@link PasswordCheck} instead of Camunda's
 * HttpBasicAuthenticationProvider, which would call the identity service directly. A blocked client gets 429
 * before any password is checked.
 */
final class EngineRestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

    private final PasswordCheck passwordCheck;

    EngineRestAuthenticationFilter(PasswordCheck passwordCheck) {
        this.passwordCheck = passwordCheck;
        this.authenticationProvider = new ThrottledBasicAuthentication(passwordCheck);
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // the provider is ours (constructor), not a class named in an init parameter
        servletPathPrefix = filterConfig.getInitParameter(SERVLET_PATH_PREFIX);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (servletRequest instanceof HttpServletRequest request && servletResponse instanceof HttpServletResponse response) {
            Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
            Optional<Duration> blocked = credentials.flatMap(c -> passwordCheck.blockedFor(request, c.userId()));
            if (blocked.isPresent()) {
                passwordCheck.writeBlocked(response, blocked.get());
                return;
            }
        }
        super.doFilter(servletRequest, servletResponse, chain);
    }

    /** HTTP Basic (UTF-8, like /api) through the throttle; a client blocked meanwhile is simply not authenticated. */
    private record ThrottledBasicAuthentication(PasswordCheck passwordCheck) implements AuthenticationProvider {

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization")).orElse(null);
            if (credentials == null) {
                return AuthenticationResult.unsuccessful();
            }
            return passwordCheck.check(request, credentials.userId(), credentials.password()).authenticated()
                    ? AuthenticationResult.successful(credentials.userId())
                    : AuthenticationResult.unsuccessful(credentials.userId());
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + engine.getName() + "\"");
        }
    }
}
