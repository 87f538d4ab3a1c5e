package org.civicflow.system;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Task queries may carry EL expressions ({@code dueDateExpression}, {@code assigneeExpression}, ...,
 * also inside {@code orQueries}) that the engine evaluates with access to every Spring bean. This filter
 * refuses them on the engine REST API and on the webapps' internal engine API, for everyone, in ad-hoc
 * task queries (runtime and history, counts, and the query that extends a filter when it is run), and
 * lets only camunda-admin members save a filter whose query contains one.
 */
final class ExpressionQueryGuardFilter implements Filter {

    /** Task query bodies are small; larger bodies on the guarded paths are refused rather than buffered. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ExpressionQueryGuardFilter.class);
    private static final String SUFFIX = "expression";

    enum Kind {
        /** an ad-hoc task query: expressions are refused for everyone (400) */
        QUERY,
        /** creating or updating a filter: expressions in its saved query only for administrators (403) */
        SAVED_QUERY
    }

    /** A guarded request; {@code engineName} is set for the webapps' API, whose login is per engine. */
    record Route(Kind kind, boolean webapp, String engineName) {
    }

    private final EngineApiPaths paths;
    private final Administrators administrators;
    private final IdentityService identityService;
    private final ObjectMapper objectMapper;

    /**
     * @param engineRestPath the engine REST API's path ({@code /engine-rest})
     * @param webappPath the webapps' application path ({@code /camunda}); their engine API is
     *                   {@code {webappPath}/api/engine/engine/{name}/...}
     */
    ExpressionQueryGuardFilter(String engineRestPath, String webappPath, Administrators administrators,
                               IdentityService identityService, ObjectMapper objectMapper) {
        this.paths = new EngineApiPaths(engineRestPath, webappPath);
        this.administrators = administrators;
        this.identityService = identityService;
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
        Set<Route> routes = routes(request);
        if (routes.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        List<String> parameters = expressionParameters(request.getQueryString());
        if (!parameters.isEmpty()) {
            refuseAdHoc(request, response, parameters);
            return;
        }
        byte[] body = CachedBodyRequest.read(request, MAX_BODY_BYTES);
        if (body == null) {
            ProblemResponses.write(response, objectMapper, ProblemHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "body-too-large", "请求体过大", "任务查询的请求体不能超过" + MAX_BODY_BYTES / 1024 + "KB"));
            return;
        }
        if (!CachedBodyRequest.isBlank(body)) {
            JsonNode json;
            try {
                json = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            } catch (IOException e) {
                // fail closed: what this filter cannot read, it cannot vouch for
                ProblemResponses.write(response, objectMapper, ProblemHandler.invalid(
                        List.of(new FieldViolation("body", "请求体不是有效的JSON"))));
                return;
            }
            for (Route route : routes) {
                if (route.kind() == Kind.QUERY) {
                    List<String> keys = expressionKeys(json, false);
                    if (!keys.isEmpty()) {
                        refuseAdHoc(request, response, keys);
                        return;
                    }
                } else {
                    List<String> keys = expressionKeys(json, true);
                    if (!keys.isEmpty() && !administrators.isAdministrator(userOf(request, route))) {
                        LOG.warn("Refused a filter with expressions ({}) on {} {}: not an administrator", keys,
                                request.getMethod(), request.getRequestURI());
                        ProblemDetail problem = ProblemHandler.problem(HttpStatus.FORBIDDEN, "expression-filter-forbidden",
                                "无权访问", "只有管理员可以保存含表达式的任务过滤器：" + String.join("、", keys));
                        problem.setProperty("parameters", keys);
                        ProblemResponses.write(response, objectMapper, problem);
                        return;
                    }
                }
            }
        }
        // downstream (JAX-RS) reads the body again from the copy
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** The guarded routes this request may reach, over every normalized spelling of its path. */
    Set<Route> routes(HttpServletRequest request) {
        Set<Route> routes = new LinkedHashSet<>();
        for (EngineApiPaths.Target target : paths.targets(request)) {
            Kind kind = kind(target.segments());
            if (kind != null) {
                routes.add(new Route(kind, target.webapp(), target.engineName()));
            }
        }
        return routes;
    }

    private static Kind kind(List<String> segments) {
        List<String> s = segments.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        if (s.equals(List.of("task")) || s.equals(List.of("task", "count"))
                || s.equals(List.of("history", "task")) || s.equals(List.of("history", "task", "count"))) {
            return Kind.QUERY;
        }
        if (s.size() == 3 && s.get(0).equals("filter") && Set.of("list", "count", "singleresult").contains(s.get(2))) {
            return Kind.QUERY;
        }
        if (s.size() == 2 && s.get(0).equals("filter")) {
            return Kind.SAVED_QUERY; // POST /filter/create, PUT /filter/{id}
        }
        return null;
    }

    /** Query-string parameter names ending with "Expression", decoded as JAX-RS decodes them and also raw. */
    static List<String> expressionParameters(String queryString) {
        Set<String> names = new LinkedHashSet<>();
        if (queryString == null || queryString.isEmpty()) {
            return List.of();
        }
        for (String pair : queryString.split("&")) {
            int equals = pair.indexOf('=');
            String raw = equals >= 0 ? pair.substring(0, equals) : pair;
            String decoded;
            try {
                decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                decoded = RequestPaths.percentDecode(raw);
            }
            for (String name : List.of(raw, decoded, RequestPaths.percentDecode(raw))) {
                if (isExpressionName(name)) {
                    names.add(decoded);
                    break;
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Keys ending with "Expression" at any depth. For a saved filter, its display {@code properties}
     * are left out: only its query is ever evaluated.
     */
    static List<String> expressionKeys(JsonNode body, boolean savedFilter) {
        Set<String> keys = new LinkedHashSet<>();
        if (savedFilter && body.isObject()) {
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                if (!field.getKey().equals("properties")) {
                    if (isExpressionName(field.getKey())) {
                        keys.add(field.getKey());
                    }
                    collect(field.getValue(), keys);
                }
            }
        } else {
            collect(body, keys);
        }
        return List.copyOf(keys);
    }

    private static void collect(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (isExpressionName(field.getKey())) {
                    keys.add(field.getKey());
                }
                collect(field.getValue(), keys);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, keys));
        }
    }

    static boolean isExpressionName(String name) {
        String stripped = name.strip();
        return stripped.regionMatches(true, stripped.length() - SUFFIX.length(), SUFFIX, 0, SUFFIX.length());
    }

    /**
     * The user asking. Engine REST: the Basic user; this filter is ordered after Camunda's
     * ProcessEngineAuthenticationFilter, which has already checked the password (a wrong one never gets
     * here) and set the engine authentication, which must name the same user. Webapps: Camunda's
     * AuthenticationFilter runs after this filter (the starter registers the webapp filters after all
     * FilterRegistrationBeans), so the login is read from the HTTP session, for the engine in the path.
     */
    String userOf(HttpServletRequest request, Route route) {
        return EngineApiPaths.userOf(request, route.webapp() ? route.engineName() : null, identityService);
    }

    static String basicUser(String header) {
        return BasicCredentials.parse(header).map(BasicCredentials::userId).orElse(null);
    }

    private void refuseAdHoc(HttpServletRequest request, HttpServletResponse response, List<String> names)
            throws IOException {
        LOG.warn("Refused a task query with expressions ({}) on {} {}", names, request.getMethod(), request.getRequestURI());
        ProblemDetail problem = ProblemHandler.problem(HttpStatus.BAD_REQUEST, "expression-not-allowed",
                "不允许使用表达式", "任务查询不允许使用表达式参数：" + String.join("、", names));
        problem.setProperty("parameters", names);
        problem.setProperty("errors", names.stream().map(n -> Map.of("field", n, "message", "不允许使用表达式")).toList());
        ProblemResponses.write(response, objectMapper, problem);
    }
}
