package org.civicflow.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The password checks Camunda makes in its own endpoints, which CivicFlow cannot route through
 * {@link PasswordCheck} directly: the webapps' login ({@code POST {webapp}/api/admin/auth/user/{engine}/login/{app}},
 * form fields {@code username}, {@code password}) and {@code POST …/identity/verify} on both engine APIs (JSON
 * {@code username}, {@code password}; any logged-in user could otherwise try other users' passwords there, since
 * Camunda's own throttle is off). While the client is blocked for the user named in the body the request is answered
 * 429 without reaching Camunda; otherwise Camunda's answer is recorded: the login's 200 as a success and 401 as a
 * failure (a 403 — right password, no access to that webapp, or a missing CSRF token — counts as neither), verify's
 * {@code authenticated} flag. Paths are matched in every spelling ({@link RequestPaths}).
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    /** A login form or verify body is a few hundred bytes; a larger one is refused rather than let through unread. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private enum Kind { WEBAPP_LOGIN, VERIFY }

    private final PasswordCheck passwordCheck;
    private final ObjectMapper objectMapper;
    private final String webappLoginPath;
    private final EngineApiPaths engineApiPaths;

    /**
     * @param engineRestPath the engine REST API's path ({@code /engine-rest})
     * @param webappPath     the webapps' application path ({@code /camunda})
     */
    LoginThrottleFilter(PasswordCheck passwordCheck, ObjectMapper objectMapper, String engineRestPath,
                        String webappPath) {
        this.passwordCheck = passwordCheck;
        this.objectMapper = objectMapper;
        this.webappLoginPath = RequestPaths.normalize(webappPath + "/api/admin/auth/user");
        this.engineApiPaths = new EngineApiPaths(engineRestPath, webappPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Kind kind = "POST".equalsIgnoreCase(request.getMethod()) ? kind(request) : null;
        if (kind == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = CachedBodyRequest.read(request, MAX_BODY_BYTES);
        if (body == null) {
            ProblemResponses.write(response, objectMapper, ProblemHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload-too-large", "请求过大", "登录请求不能超过 " + MAX_BODY_BYTES / 1024 + " KB"));
            return;
        }
        HttpServletRequest cached = new CachedBodyRequest(request, body);
        Optional<String> user = kind == Kind.WEBAPP_LOGIN ? formField(body, charset(request), "username")
                : jsonField(body, "username");
        if (user.isEmpty()) {
            // no user named: Camunda refuses it without checking a password
            chain.doFilter(cached, response);
            return;
        }
        Optional<Duration> blocked = passwordCheck.blockedFor(request, user.get());
        if (blocked.isPresent()) {
            passwordCheck.writeBlocked(response, blocked.get());
            return;
        }
        if (kind == Kind.WEBAPP_LOGIN) {
            chain.doFilter(cached, response);
            if (response.getStatus() == HttpServletResponse.SC_OK) {
                passwordCheck.record(request, user.get(), true);
            } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                passwordCheck.record(request, user.get(), false);
            }
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cached, captured);
            if (captured.getStatus() == HttpServletResponse.SC_OK) {
                JsonNode result = readJson(captured.getContentAsByteArray());
                if (result != null && result.path("authenticated").isBoolean()) {
                    passwordCheck.record(request, user.get(), result.path("authenticated").asBoolean());
                }
            }
        } finally {
            captured.copyBodyToResponse();
        }
    }

    private Kind kind(HttpServletRequest request) {
        for (String path : RequestPaths.candidates(request)) {
            if (RequestPaths.isAtOrBelow(path, webappLoginPath)) {
                List<String> rest = RequestPaths.segmentsBelow(path, webappLoginPath);
                if (rest.size() == 3 && rest.get(1).equalsIgnoreCase("login")) {
                    return Kind.WEBAPP_LOGIN;
                }
            }
        }
        for (EngineApiPaths.Target target : engineApiPaths.targets(request)) {
            List<String> segments = target.segments();
            if (segments.size() == 2 && segments.get(0).equalsIgnoreCase("identity")
                    && segments.get(1).equalsIgnoreCase("verify")) {
                return Kind.VERIFY;
            }
        }
        return null;
    }

    /** The first value of a form field, as JAX-RS's {@code @FormParam} reads it. */
    private static Optional<String> formField(byte[] body, Charset charset, String name) {
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (formDecode(key, charset).equals(name)) {
                String value = equals < 0 ? "" : formDecode(pair.substring(equals + 1), charset);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code application/x-www-form-urlencoded} decoding that never fails: a malformed escape stays as it is, so
     * that no spelling makes this filter miss a field Camunda might still read.
     */
    private static String formDecode(String raw, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                // the body was read as ISO-8859-1: each char is one of its bytes
                bytes.write(c);
            }
        }
        return bytes.toString(charset);
    }

    private Optional<String> jsonField(byte[] body, String name) {
        JsonNode json = readJson(body);
        return json != null && json.path(name).isTextual() && !json.path(name).asText().isEmpty()
                ? Optional.of(json.path(name).asText()) : Optional.empty();
    }

    private JsonNode readJson(byte[] body) {
        try {
            return objectMapper.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Charset charset(HttpServletRequest request) {
        try {
            return request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(request.getCharacterEncoding());
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
