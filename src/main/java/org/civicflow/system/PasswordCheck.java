package org.civicflow.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one way CivicFlow's HTTP entry points check a password (/api, /engine-rest, the dashboard, Actuator; the
 * webapps' login and Camunda's identity/verify through {@link LoginThrottleFilter}): the {@link LoginThrottle} first,
 * then Camunda's identity service, then the result back to the throttle. Camunda's own throttle is switched off in
 * application.yaml because it locks a user for good after a number of failures, whoever caused them.
 * <p>
 * The client is {@link HttpServletRequest#getRemoteAddr()}: behind a reverse proxy set
 * {@code server.forward-headers-strategy} so that it is the real client, not the proxy (README "Security").
 */
final class PasswordCheck {

    /** @param retryAfter set when the password was not checked because the client is blocked */
    record Outcome(boolean authenticated, Duration retryAfter) {

        boolean blocked() {
            return retryAfter != null;
        }
    }

    private final IdentityService identityService;
    private final LoginThrottle throttle;
    private final ObjectMapper objectMapper;

    PasswordCheck(IdentityService identityService, LoginThrottle throttle, ObjectMapper objectMapper) {
        this.identityService = identityService;
        this.throttle = throttle;
        this.objectMapper = objectMapper;
    }

    Outcome check(HttpServletRequest request, String userId, String password) {
        String address = clientAddress(request);
        Optional<Duration> blocked = throttle.blockedFor(userId, address);
        if (blocked.isPresent()) {
            return new Outcome(false, blocked.get());
        }
        boolean authenticated = identityService.checkPassword(userId, password);
        if (authenticated) {
            throttle.succeeded(userId, address);
        } else {
            throttle.failed(userId, address);
        }
        return new Outcome(authenticated, null);
    }

    /** For a check made elsewhere (Camunda's own endpoints): whether it may be made at all. */
    Optional<Duration> blockedFor(HttpServletRequest request, String userId) {
        return throttle.blockedFor(userId, clientAddress(request));
    }

    /** The result of a check made elsewhere. */
    void record(HttpServletRequest request, String userId, boolean authenticated) {
        if (authenticated) {
            throttle.succeeded(userId, clientAddress(request));
        } else {
            throttle.failed(userId, clientAddress(request));
        }
    }

    /**
     * 429 with Retry-After: the same answer whatever the password, so a blocked client learns nothing from it.
     */
    void writeBlocked(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ProblemDetail problem = ProblemHandler.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts",
                "登录尝试过多", "密码错误次数过多，登录已暂时锁定，请在 " + minutes(seconds) + " 后重试；"
                        + "如非本人操作，请联系系统管理员");
        problem.setProperty("retryAfterSeconds", seconds);
        // before the body: writing it commits the response
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemResponses.write(response, objectMapper, problem);
    }

    static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    private static String minutes(long seconds) {
        return seconds < 60 ? seconds + " 秒" : (seconds + 59) / 60 + " 分钟";
    }
}
