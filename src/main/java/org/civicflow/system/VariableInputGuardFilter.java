package org.civicflow.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Camunda's REST API (and the webapps' engine API behind Tasklist) reports several kinds of bad variables as a 500
 * or without naming the variable: a body that is not a JSON object; a value that cannot be converted to its
 * declared type ({@code {"type":"Integer","value":"abc"}}); a Java-serialized object, which the engine refuses
 * (ENGINE-17007); a text longer than the 4,000 characters a variable column holds, which fails only when the
 * transaction is flushed. This filter checks every variable of the requests that carry them — process starts
 * (with start instructions), start and task form submissions, task completions, resolutions, BPMN errors and
 * escalations, variable updates, message, signal and condition events, instance modifications, external task
 * completions — with Camunda's own conversion, before anything is written, and answers 400 naming each bad variable.
 * <p>
 * Whoever works on a task may also set variables with it, and Camunda writes them where a variable of that name
 * already lives: on the process instance. So a task's user could rewrite what the processes keep for themselves —
 * which application a review is for, which groups a contract's tasks go to ({@link ProcessOwnedVariables}). A task
 * request may send such a variable only with its current value (Tasklist sends a form's read-only fields back);
 * any other value is refused, naming it. What a process needs and its ranges stay with the processes' own checks.
 */
final class VariableInputGuardFilter implements Filter {

    /** Variables hold references and short texts; a body beyond this is refused rather than buffered. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** ACT_RU_VARIABLE.TEXT_ and its history columns are varchar(4000). */
    static final int MAX_TEXT_LENGTH = 4000;

    /**
     * Where a request keeps its variables.
     *
     * @param maps          members of the body that map variable names to values
     * @param instructions  members of the body that are arrays of instructions, each with its own {@code variables}
     * @param single        for a request whose body is one value: that variable's name (from the path), else null
     * @param taskId        for a request on a task that may write to the process instance: the task, else null
     * @param webappEngine  for the webapps' engine API: the engine's name (its login is per engine), else null
     */
    record Route(List<String> maps, List<String> instructions, String single, String taskId, String webappEngine) {

        static Route of(String... maps) {
            return new Route(List.of(maps), List.of(), null, null, null);
        }

        Route onTask(String id) {
            return new Route(maps, instructions, single, id, webappEngine);
        }

        Route inWebapp(String engine) {
            return new Route(maps, instructions, single, taskId, engine);
        }
    }

    private final EngineApiPaths paths;
    private final ProcessEngine processEngine;
    private final ObjectMapper objectMapper;
    private final AsSystem asSystem;
    /** Configured as Camunda's REST API configures its own: the same date format and conversions. */
    private final ObjectMapper restMapper = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

    VariableInputGuardFilter(String engineRestPath, String webappPath, ProcessEngine processEngine,
                             ObjectMapper objectMapper, AsSystem asSystem) {
        this.paths = new EngineApiPaths(engineRestPath, webappPath);
        this.processEngine = processEngine;
        this.objectMapper = objectMapper;
        this.asSystem = asSystem;
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
        // the webapps check their session login after this filter: without one, Camunda refuses the request and
        // its body need not be read at all (the engine REST API's Basic login has run before this filter)
        if (route == null || route.webappEngine() != null && EngineApiPaths.webappUser(request, route.webappEngine()) == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = CachedBodyRequest.read(request, MAX_BODY_BYTES);
        if (body == null) {
            ProblemDetail problem = ProblemHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "请求体过大",
                    "请求体不能超过" + MAX_BODY_BYTES / (1024 * 1024) + "MB");
            problem.setProperty("message", problem.getDetail());
            ProblemResponses.write(response, objectMapper, problem);
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
        // the process-owned variables the request sends, compared with the task's in one lookup at the end
        Map<String, Object> owned = new LinkedHashMap<>();
        if (route.single() != null) {
            checkValue(route, route.single(), json, violations, owned);
        } else if (json == null || !json.isObject()) {
            violations.add(new FieldViolation("body", "请求体必须是JSON对象"));
        } else {
            for (String member : route.maps()) {
                checkMap(route, member, json.get(member), violations, owned);
            }
            for (String member : route.instructions()) {
                JsonNode instructions = json.get(member);
                for (int i = 0; instructions != null && instructions.isArray() && i < instructions.size(); i++) {
                    checkMap(route, member + "[" + i + "].variables", instructions.get(i).get("variables"), violations,
                            owned);
                }
            }
        }
        if (!owned.isEmpty()) {
            checkUnchanged(route.taskId(), owned, violations);
        }
    }

    private void checkMap(Route route, String member, JsonNode variables, List<FieldViolation> violations,
                          Map<String, Object> owned) {
        if (variables == null || variables.isNull()) {
            return;
        }
        if (!variables.isObject()) {
            violations.add(new FieldViolation(member, "必须是以变量名为键的JSON对象"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            checkValue(route, variable.getKey(), variable.getValue(), violations, owned);
        }
    }

    /** One variable, {@code {"value": …, "type": …, "valueInfo": {…}}}, read as Camunda's REST API reads it. */
    private void checkValue(Route route, String name, JsonNode node, List<FieldViolation> violations,
                            Map<String, Object> owned) {
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
        // typed or untyped, a text is stored as a String
        if (value.getValue() instanceof String text && !value.isTransient()
                && text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            violations.add(new FieldViolation(name, "文本不能超过" + MAX_TEXT_LENGTH + "个字符"));
            return;
        }
        if (route.taskId() != null && ProcessOwnedVariables.contains(name)) {
            owned.put(name, value.getValue());
        }
    }

    /**
     * The process-owned variables must keep the values the task sees now (read as the system: the check must not
     * depend on who asks). For a task that does not exist Camunda answers 404 itself.
     */
    private void checkUnchanged(String taskId, Map<String, Object> owned, List<FieldViolation> violations) {
        Map<String, Object> current = asSystem.get(() -> {
            TaskService tasks = processEngine.getTaskService();
            return tasks.createTaskQuery().taskId(taskId).count() == 0 ? null : tasks.getVariables(taskId, owned.keySet());
        });
        if (current == null) {
            return;
        }
        owned.forEach((name, submitted) -> {
            if (!same(current.get(name), submitted)) {
                violations.add(new FieldViolation(name, "由流程维护，办理任务时不能修改"));
            }
        });
    }

    private static boolean same(Object current, Object submitted) {
        if (current instanceof Number a && submitted instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(current, submitted);
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
        for (EngineApiPaths.Target target : paths.targets(request)) {
            Route route = route(method, target.segments());
            if (route != null) {
                return target.webapp() ? route.inWebapp(target.engineName()) : route;
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
        String first = s.get(0);
        String last = s.get(n - 1);
        if (method.equals("PUT")) {
            // one variable, named by the path (names are case-sensitive)
            if (n == 4 && Set.of("process-instance", "task", "execution").contains(first)
                    && Set.of("variables", "localvariables").contains(s.get(2))) {
                Route single = new Route(List.of(), List.of(), segments.get(3), null, null);
                return first.equals("task") && s.get(2).equals("variables") ? single.onTask(segments.get(1)) : single;
            }
            return null;
        }
        if (n == 1) {
            return switch (first) {
                case "message" -> Route.of("processVariables", "processVariablesLocal", "processVariablesToTriggeredScope");
                case "signal", "condition" -> Route.of("variables");
                default -> null;
            };
        }
        if (first.equals("process-definition") && n >= 3 && Set.of("start", "submit-form").contains(last)) {
            return new Route(List.of("variables"), List.of("startInstructions"), null, null, null);
        }
        if (first.equals("task") && n == 3) {
            if (Set.of("complete", "submit-form", "resolve", "bpmnerror", "bpmnescalation").contains(last)) {
                return Route.of("variables").onTask(segments.get(1));
            }
            if (last.equals("variables")) {
                return Route.of("modifications").onTask(segments.get(1));
            }
            if (last.equals("localvariables")) {
                return Route.of("modifications");
            }
        }
        if (Set.of("process-instance", "execution").contains(first) && n == 3
                && Set.of("variables", "localvariables").contains(last)) {
            return Route.of("modifications");
        }
        if (first.equals("process-instance") && n == 3 && last.equals("modification")) {
            return new Route(List.of(), List.of("instructions"), null, null, null);
        }
        if (first.equals("external-task") && n == 3 && Set.of("complete", "bpmnerror").contains(last)) {
            return Route.of("variables", "localVariables");
        }
        return null;
    }
}
