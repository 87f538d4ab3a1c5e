package org.civicflow.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
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
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Camunda's REST API (and the webapps' engine API behind Tasklist) reports several kinds of bad variables as a 500
 * or without naming the variable: a start or completion whose body is not a JSON object; a value that cannot be
 * converted to its declared type ({@code {"type":"Integer","value":"abc"}}); a Java-serialized object, which the
 * engine refuses (ENGINE-17007); a text longer than the 4,000 characters a variable column holds, which fails only
 * when the transaction is flushed. This filter checks every variable of the requests that carry them — process
 * starts, start and task form submissions, task completions and resolutions, variable updates — with Camunda's own
 * conversion, before anything is written, and answers 400 naming each bad variable. Everything else (which
 * variables a process needs, their ranges) stays with the processes' own validation.
 */
final class VariableInputGuardFilter implements Filter {

    /** Variables hold references and short texts; a body beyond this is refused rather than buffered. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** ACT_RU_VARIABLE.TEXT_ and its history columns are varchar(4000). */
    static final int MAX_TEXT_LENGTH = 4000;

    /** Where a request keeps its variables. */
    enum Shape {
        /** {@code {"variables": {name: value, …}, …}} */
        VARIABLES,
        /** {@code {"modifications": {name: value, …}, "deletions": […]}} */
        MODIFICATIONS,
        /** the body is one value, named by the path's last segment */
        SINGLE
    }

    record Route(Shape shape, String name) {
    }

    private final String engineRestPath;
    private final String webappEnginePath;
    private final ProcessEngine processEngine;
    private final ObjectMapper objectMapper;
    /** Configured as Camunda's REST API configures its own: the same date format and conversions. */
    private final ObjectMapper restMapper = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

    VariableInputGuardFilter(String engineRestPath, String webappPath, ProcessEngine processEngine,
                             ObjectMapper objectMapper) {
        this.engineRestPath = RequestPaths.normalize(engineRestPath);
        this.webappEnginePath = RequestPaths.normalize(webappPath + "/api/engine/engine");
        this.processEngine = processEngine;
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
        Route route = route(request);
        if (route == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = CachedBodyRequest.read(request, MAX_BODY_BYTES);
        if (body == null) {
            ProblemResponses.write(response, objectMapper, ProblemHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "body-too-large", "请求体过大", "请求体不能超过" + MAX_BODY_BYTES / (1024 * 1024) + "MB"));
            return;
        }
        // an empty body is a start or completion without variables, which Camunda accepts
        if (!CachedBodyRequest.isBlank(body)) {
            List<FieldViolation> violations = new ArrayList<>();
            try {
                JsonNode json = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
                check(route, json, violations);
            } catch (IOException e) {
                violations.add(new FieldViolation("body", "请求体不是有效的JSON"));
            }
            if (!violations.isEmpty()) {
                ProblemDetail problem = ProblemHandler.invalid(violations);
                // Camunda's webapps show an error's "message"
                problem.setProperty("message", String.join("；",
                        violations.stream().map(v -> v.field() + "：" + v.message()).toList()));
                ProblemResponses.write(response, objectMapper, problem);
                return;
            }
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    void check(Route route, JsonNode json, List<FieldViolation> violations) {
        if (route.shape() == Shape.SINGLE) {
            checkValue(route.name(), json, violations);
            return;
        }
        if (json == null || !json.isObject()) {
            violations.add(new FieldViolation("body", "请求体必须是JSON对象"));
            return;
        }
        String member = route.shape() == Shape.VARIABLES ? "variables" : "modifications";
        JsonNode variables = json.get(member);
        if (variables == null || variables.isNull()) {
            return;
        }
        if (!variables.isObject()) {
            violations.add(new FieldViolation(member, "必须是以变量名为键的JSON对象"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            checkValue(variable.getKey(), variable.getValue(), violations);
        }
    }

    /** One variable, {@code {"value": …, "type": …, "valueInfo": {…}}}, read as Camunda's REST API reads it. */
    private void checkValue(String name, JsonNode node, List<FieldViolation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new FieldViolation(name, "变量必须写成{\"value\": …, \"type\": …}"));
            return;
        }
        JsonNode format = node.path("valueInfo").path("serializationDataFormat");
        if (format.isTextual() && SerializationDataFormats.JAVA.getName().equalsIgnoreCase(format.asText().strip())
                && !javaSerializationAllowed()) {
            violations.add(new FieldViolation(name, "不接受Java序列化的对象"));
            return;
        }
        TypedValue value;
        try {
            value = restMapper.treeToValue(node, VariableValueDto.class).toTypedValue(processEngine, restMapper);
        } catch (Exception e) {
            String type = node.path("type").asText("");
            violations.add(new FieldViolation(name, type.isEmpty() ? "值无法读取" : "值无法转换为类型" + type));
            return;
        }
        if (value instanceof StringValue text && text.getValue() != null
                && text.getValue().codePointCount(0, text.getValue().length()) > MAX_TEXT_LENGTH) {
            violations.add(new FieldViolation(name, "文本不能超过" + MAX_TEXT_LENGTH + "个字符"));
        }
    }

    private boolean javaSerializationAllowed() {
        return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .isJavaSerializationFormatEnabled();
    }

    /** The route of a request that carries variables, over every normalized spelling of its path; else null. */
    Route route(HttpServletRequest request) {
        String method = request.getMethod() == null ? "" : request.getMethod().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT")) {
            return null;
        }
        for (String path : RequestPaths.candidates(request)) {
            List<String> rest = null;
            if (RequestPaths.isAtOrBelow(path, engineRestPath)) {
                rest = RequestPaths.segmentsBelow(path, engineRestPath);
                // the engine REST API also serves /engine/{name}/...
                if (rest.size() >= 2 && rest.get(0).equalsIgnoreCase("engine")) {
                    rest = rest.subList(2, rest.size());
                }
            } else if (RequestPaths.isAtOrBelow(path, webappEnginePath)) {
                rest = RequestPaths.segmentsBelow(path, webappEnginePath);
                rest = rest.isEmpty() ? rest : rest.subList(1, rest.size());
            }
            Route route = rest == null ? null : route(method, rest);
            if (route != null) {
                return route;
            }
        }
        return null;
    }

    private static Route route(String method, List<String> segments) {
        List<String> s = segments.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        int n = s.size();
        if (n == 0) {
            return null;
        }
        String last = s.get(n - 1);
        if (method.equals("POST") && n >= 3 && s.get(0).equals("process-definition")
                && Set.of("start", "submit-form").contains(last)) {
            return new Route(Shape.VARIABLES, null);
        }
        if (method.equals("POST") && n == 3 && s.get(0).equals("task")
                && Set.of("complete", "submit-form", "resolve").contains(last)) {
            return new Route(Shape.VARIABLES, null);
        }
        boolean variableScope = Set.of("process-instance", "task", "execution").contains(s.get(0));
        if (method.equals("POST") && n == 3 && variableScope
                && Set.of("variables", "localvariables").contains(last)) {
            return new Route(Shape.MODIFICATIONS, null);
        }
        if (method.equals("PUT") && n == 4 && variableScope
                && Set.of("variables", "localvariables").contains(s.get(2))) {
            // the variable's name as written (names are case-sensitive)
            return new Route(Shape.SINGLE, segments.get(3));
        }
        return null;
    }
}
