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
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one gate for every request that writes variables through the engine REST API ({@code /engine-rest}) or the
 * webapps' engine API behind Tasklist and Cockpit ({@code /camunda/api/engine}).
 * <ul>
 *   <li><b>A task request may set only what the task's form offers</b> ({@link TaskForm}): completions, form
 *   submissions, resolutions, BPMN errors and escalations, and variable writes on a task. An editable field is
 *   checked as the form checks it; a read-only field must come back with the value the process holds (Tasklist
 *   sends read-only fields back); any other variable is refused, naming it. So references, routing variables and
 *   the rules' decisions cannot be changed by whoever works on a task, whatever the route.</li>
 *   <li><b>Task-local variables, deletions and binary variable data</b> are not for task users: those requests are
 *   refused (a task-local value would shadow the process's own in the task's view).</li>
 *   <li><b>Variables of instances and executions</b> — direct writes, deletions, messages, signals, conditions,
 *   modifications, external tasks — are for administrators only (Cockpit's repairs); their writes are logged.</li>
 *   <li><b>What Camunda cannot store</b>, or would refuse with a 500 or without naming it, is refused on every route
 *   and for everyone: a body that is not a JSON object, a value that does not convert to its declared type, text
 *   over 4,000 characters or with unpaired surrogates, serialized objects (Java or JSON: the engine would
 *   instantiate a class the client names), and from non-administrators bytes and files.</li>
 *   <li>Fields a form marks {@code transient} are sent on to the engine as transient variables: listeners record
 *   them in the business data and the engine keeps no copy (runtime or history).</li>
 * </ul>
 * Each refusal is 400 {@code application/problem+json} naming every bad variable (403 for the administrators'
 * routes), before anything is written. Process starts are checked for types here and for their fields by the
 * processes' own start checks.
 */
final class VariableInputGuardFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(VariableInputGuardFilter.class);

    /** Variables hold references and short texts; a body beyond this is refused rather than buffered. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** ACT_RU_VARIABLE.TEXT_ and its history columns are varchar(4000). */
    static final int MAX_TEXT_LENGTH = 4000;

    /** What a request does with variables. */
    enum Kind {
        /** A process start or start form submission: types only (the start checks judge the fields). */
        START,
        /** Completing, resolving or submitting a task, or throwing a BPMN error/escalation from it. */
        TASK_SUBMIT,
        /** Setting (or, with deletions, removing) a task's variables outside a completion. */
        TASK_VARIABLES,
        /** Removing one of a task's variables. */
        TASK_DELETE,
        /** Any write to a task's local variables. */
        TASK_LOCAL,
        /** Binary variable data (multipart) on any resource. */
        BINARY,
        /**
         * Administrators only, whatever the body: variables of instances and executions, messages, signals,
         * conditions, modifications, restarts, migrations, external tasks, and BPMN errors and escalations thrown
         * from a task (no model catches them: the instance would end, skipping its remaining steps).
         */
        INSTANCE,
        /** A comment or attachment on a task: refused on confidential tasks (they name their author). */
        TASK_NOTE
    }

    /**
     * Where a request keeps its variables.
     *
     * @param maps          members of the body that map variable names to values
     * @param instructions  members of the body that are arrays of instructions, each with its own {@code variables}
     * @param single        for a request about one variable: its name (from the path), else null
     * @param taskId        for a request on a task: the task, else null
     * @param webappEngine  for the webapps' engine API: the engine's name (its login is per engine), else null
     * @param definition    for a start: {@code id:…} or {@code key:…} of the process definition, else null
     */
    record Route(Kind kind, List<String> maps, List<String> instructions, String single, String taskId,
                 String webappEngine, String definition) {

        static Route of(Kind kind, String... maps) {
            return new Route(kind, List.of(maps), List.of(), null, null, null, null);
        }

        Route onTask(String id) {
            return new Route(kind, maps, instructions, single, id, webappEngine, definition);
        }

        Route inWebapp(String engine) {
            return new Route(kind, maps, instructions, single, taskId, engine, definition);
        }

        Route withInstructions(String... members) {
            return new Route(kind, maps, List.of(members), single, taskId, webappEngine, definition);
        }

        Route ofDefinition(String idOrKey) {
            return new Route(kind, maps, instructions, single, taskId, webappEngine, idOrKey);
        }

    }

    /** A variable the request sends, as Camunda's REST API converted it, or a deletion. */
    record Sent(Object value, boolean deletion) {
        static final Sent DELETION = new Sent(null, true);
    }

    private final EngineApiPaths paths;
    private final ProcessEngine processEngine;
    private final ObjectMapper objectMapper;
    private final AsSystem asSystem;
    private final Administrators administrators;
    private final IdentityService identityService;
    private final TaskForms taskForms;
    /** Configured as Camunda's REST API configures its own: the same date format and conversions. */
    private final ObjectMapper restMapper = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

    VariableInputGuardFilter(String engineRestPath, String webappPath, ProcessEngine processEngine,
                             ObjectMapper objectMapper, AsSystem asSystem, Administrators administrators) {
        this.paths = new EngineApiPaths(engineRestPath, webappPath);
        this.processEngine = processEngine;
        this.objectMapper = objectMapper;
        this.asSystem = asSystem;
        this.administrators = administrators;
        this.identityService = processEngine.getIdentityService();
        this.taskForms = new TaskForms(processEngine, asSystem, objectMapper);
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
        String user = route == null ? null : EngineApiPaths.userOf(request, route.webappEngine(), identityService);
        if (route == null || route.webappEngine() != null && user == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean administrator = administrators.isAdministrator(user);
        List<FieldViolation> violations = new ArrayList<>();
        if (route.kind() == Kind.TASK_NOTE) {
            if (!administrator && taskForms.confidential(route.taskId())) {
                violations.add(new FieldViolation("task", "保密任务不能添加评论或附件（会显示作者）"));
                refuse(response, true, violations);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (route.kind() == Kind.INSTANCE && !administrator) {
            refuseByRoute(route, route.single() == null ? List.of() : List.of(route.single()), violations);
            refuse(response, true, violations);
            return;
        }
        if ("DELETE".equalsIgnoreCase(request.getMethod()) || route.kind() == Kind.BINARY) {
            // no JSON body to judge: the route alone decides
            if (!administrator) {
                refuseByRoute(route, route.single() == null ? List.of() : List.of(route.single()), violations);
                refuse(response, route.kind() == Kind.INSTANCE, violations);
                return;
            }
            logAdministrator(user, request);
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
        // one variable needs its value: Camunda would read an empty body as null and set the variable to null
        if (CachedBodyRequest.isBlank(body) && route.single() != null) {
            violations.add(new FieldViolation(TextRules.printable(route.single()), "缺少变量的值"));
            refuse(response, false, violations);
            return;
        }
        // an empty body is a start or completion without variables, which Camunda accepts
        if (CachedBodyRequest.isBlank(body)) {
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        JsonNode json;
        try {
            json = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            json = null;
            violations.add(new FieldViolation("body", "请求体不是有效的JSON"));
        }
        boolean forbidden = false;
        // the task and its form, looked up once for the whole request
        TaskForms.TaskWithForm task = null;
        if (violations.isEmpty()) {
            Map<String, Sent> sent = check(route, json, administrator, violations);
            task = onTask(route) ? taskForms.of(route.taskId()) : null;
            if (violations.isEmpty() && !administrator) {
                judge(route, sent, json, task, violations);
                // what only administrators may do is forbidden, not malformed
                forbidden = route.kind() == Kind.INSTANCE && !violations.isEmpty();
            }
            if (violations.isEmpty() && administrator && (route.kind() == Kind.INSTANCE || route.kind() == Kind.TASK_LOCAL)
                    && !sent.isEmpty()) {
                logAdministrator(user, request);
            }
        }
        if (!violations.isEmpty()) {
            refuse(response, forbidden, violations);
            return;
        }
        boolean rewritten = route.kind() == Kind.TASK_SUBMIT && markTransient(route, json, task);
        if (!administrator && onTask(route)) {
            rewritten |= dropReadonly(route, json, task);
        }
        if (rewritten) {
            body = objectMapper.writeValueAsBytes(json);
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /**
     * Reads every variable the request sends, as Camunda's REST API would, and refuses what Camunda cannot store.
     * Returns the variables by name (the JSON of each, {@code deletions} as nulls).
     */
    Map<String, Sent> check(Route route, JsonNode json, boolean administrator, List<FieldViolation> violations) {
        Map<String, Sent> sent = new LinkedHashMap<>();
        if (route.single() != null && route.maps().isEmpty()) {
            TypedValue value = checkValue(route.single(), json, administrator, violations);
            if (value != null) {
                sent.put(route.single(), new Sent(value.getValue(), false));
            }
            return sent;
        }
        if (json == null || !json.isObject()) {
            violations.add(new FieldViolation("body", "请求体必须是JSON对象"));
            return sent;
        }
        for (String member : route.maps()) {
            checkMap(member, json.get(member), administrator, violations, sent);
        }
        for (String member : route.instructions()) {
            JsonNode instructions = json.get(member);
            for (int i = 0; instructions != null && instructions.isArray() && i < instructions.size(); i++) {
                checkMap(member + "[" + i + "].variables", instructions.get(i).get("variables"), administrator,
                        violations, sent);
            }
        }
        // texts Camunda stores beside the variables
        for (String member : List.of("businessKey", "errorCode", "errorMessage", "escalationCode")) {
            JsonNode text = json.get(member);
            String problem = text != null && text.isTextual() ? TextRules.problem(text.asText()) : null;
            if (problem != null) {
                violations.add(new FieldViolation(member, problem));
            }
        }
        JsonNode deletions = json.get("deletions");
        if (deletions != null && deletions.isArray() && (route.kind() == Kind.TASK_VARIABLES
                || route.kind() == Kind.TASK_LOCAL || route.kind() == Kind.INSTANCE)) {
            deletions.forEach(name -> sent.putIfAbsent(name.asText(), Sent.DELETION));
        }
        return sent;
    }

    private void checkMap(String member, JsonNode variables, boolean administrator, List<FieldViolation> violations,
                          Map<String, Sent> sent) {
        if (variables == null || variables.isNull()) {
            return;
        }
        if (!variables.isObject()) {
            violations.add(new FieldViolation(member, "必须是以变量名为键的JSON对象"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            TypedValue value = checkValue(variable.getKey(), variable.getValue(), administrator, violations);
            if (value != null) {
                sent.put(variable.getKey(), new Sent(value.getValue(), false));
            }
        }
    }

    /**
     * One variable, {@code {"value": …, "type": …, "valueInfo": {…}}}, read as Camunda's REST API reads it; null when
     * it is refused (the violation is added).
     */
    private TypedValue checkValue(String name, JsonNode node, boolean administrator, List<FieldViolation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new FieldViolation(name, "变量必须写成{\"value\": …, \"type\": …}"));
            return null;
        }
        String type = node.path("type").asText("").strip().toLowerCase(Locale.ROOT);
        JsonNode format = node.path("valueInfo").path("serializationDataFormat");
        if (format.isTextual() && SerializationDataFormats.JAVA.getName().equalsIgnoreCase(format.asText().strip())
                && !javaSerializationAllowed()) {
            violations.add(new FieldViolation(name, "不接受Java序列化的对象"));
            return null;
        }
        if (type.equals(ValueType.OBJECT.getName())) {
            // Camunda would instantiate whatever class objectTypeName names (or fail with a 500)
            violations.add(new FieldViolation(name, "不接受对象类型的变量"));
            return null;
        }
        if (!administrator && (type.equals(ValueType.BYTES.getName()) || type.equals(ValueType.FILE.getName()))) {
            violations.add(new FieldViolation(name, "不接受二进制或文件变量；附件请通过 /api/attachments 上传"));
            return null;
        }
        TypedValue value;
        try {
            value = restMapper.treeToValue(node, VariableValueDto.class).toTypedValue(processEngine, restMapper);
        } catch (Exception e) {
            violations.add(new FieldViolation(name, type.isEmpty() ? "值无法读取" : "值无法转换为类型" + node.path("type").asText()));
            return null;
        }
        if (value.getValue() instanceof String text) {
            if (!value.isTransient() && text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
                violations.add(new FieldViolation(name, "文本不能超过" + MAX_TEXT_LENGTH + "个字符"));
                return null;
            }
            String problem = TextRules.problem(text);
            if (problem != null) {
                violations.add(new FieldViolation(TextRules.printable(name), problem));
                return null;
            }
        }
        return value;
    }

    /** Holds a non-administrator's request to what its route allows: a task's form, or nothing. */
    private void judge(Route route, Map<String, Sent> sent, JsonNode json, TaskForms.TaskWithForm task,
                       List<FieldViolation> violations) {
        switch (route.kind()) {
            case START -> judgeStart(route, sent, json, violations);
            case TASK_SUBMIT, TASK_VARIABLES -> judgeTaskRequest(route, sent, task, violations);
            case TASK_LOCAL, TASK_DELETE, BINARY, INSTANCE, TASK_NOTE -> {
                if (!sent.isEmpty()) {
                    refuseByRoute(route, List.copyOf(sent.keySet()), violations);
                }
            }
        }
    }

    /**
     * A start may send only the fields of the process's start form (the SPEC's start variables); their values are
     * the start checks' to judge, with the rules' own messages (defaults, policies), so only the names are held here.
     */
    private void judgeStart(Route route, Map<String, Sent> sent, JsonNode json, List<FieldViolation> violations) {
        // where a start begins and what it skips are an administrator's repairs, not an applicant's choice
        JsonNode instructions = json.path("startInstructions");
        if (instructions.isArray() && !instructions.isEmpty()) {
            violations.add(new FieldViolation("startInstructions", "只有管理员可以指定流程从何处开始"));
        }
        for (String skip : List.of("skipCustomListeners", "skipIoMappings")) {
            if (json.path(skip).asBoolean(false)) {
                violations.add(new FieldViolation(skip, "只有管理员可以跳过流程的监听器或映射"));
            }
        }
        String definition = route.definition();
        TaskForm form = taskForms.startForm(definition.substring(definition.indexOf(':') + 1),
                definition.startsWith("key:"));
        if (form == null) {
            return;
        }
        sent.keySet().stream().filter(name -> form.field(name) == null || form.field(name).readonly())
                .forEach(name -> violations.add(new FieldViolation(name, "不是发起表单的字段，发起流程时不能设置（此类变量由流程维护）")));
    }

    private void judgeTaskRequest(Route route, Map<String, Sent> sent, TaskForms.TaskWithForm task,
                                  List<FieldViolation> violations) {
        if (task == null || sent.isEmpty()) {
            // Camunda answers 404 for a task that does not exist
            return;
        }
        TaskForm form = task.form();
        Map<String, Object> readonly = new LinkedHashMap<>();
        sent.forEach((name, variable) -> {
            TaskForm.Field field = form.field(name);
            if (variable.deletion()) {
                violations.add(new FieldViolation(name, "办理任务时不能删除变量"));
            } else if (field == null) {
                violations.add(new FieldViolation(name, "不是本任务表单的字段，办理任务时不能设置（此类变量由流程维护）"));
            } else if (field.readonly()) {
                readonly.put(name, variable.value());
            } else if (field.transientValue() && route.kind() != Kind.TASK_SUBMIT) {
                violations.add(new FieldViolation(name, "只能在提交任务时填写"));
            } else {
                String problem = field.problem(variable.value());
                if (problem != null) {
                    violations.add(new FieldViolation(name, problem));
                }
            }
        });
        if (!readonly.isEmpty()) {
            Map<String, Object> current = asSystem.get(() ->
                    processEngine.getTaskService().getVariables(route.taskId(), readonly.keySet()));
            readonly.forEach((name, submitted) -> {
                if (!same(current.get(name), submitted)) {
                    violations.add(new FieldViolation(name, "只读字段，由流程维护，办理任务时不能修改"));
                }
            });
        }
    }

    private static void refuseByRoute(Route route, List<String> names, List<FieldViolation> violations) {
        String message = switch (route.kind()) {
            case TASK_LOCAL -> "办理任务时不能设置或删除任务局部变量";
            case TASK_DELETE -> "办理任务时不能删除变量";
            case BINARY -> "办理任务时不能上传二进制变量；附件请通过 /api/attachments 上传";
            default -> "只有管理员可以直接修改流程实例的变量";
        };
        if (names.isEmpty()) {
            violations.add(new FieldViolation("variables", message));
        }
        names.forEach(name -> violations.add(new FieldViolation(name, message)));
    }

    private void refuse(HttpServletResponse response, boolean forbidden, List<FieldViolation> violations)
            throws IOException {
        ProblemDetail problem = ProblemHandler.invalid(violations);
        if (forbidden) {
            problem.setStatus(HttpStatus.FORBIDDEN);
            problem.setTitle("无权修改流程变量");
        }
        // Camunda's webapps show an error's "message"
        problem.setProperty("message", String.join("；",
                violations.stream().map(v -> v.field() + "：" + v.message()).toList()));
        ProblemResponses.write(response, objectMapper, problem);
    }

    /** Marks the form's transient fields transient in the body Camunda will read; true when anything changed. */
    private boolean markTransient(Route route, JsonNode json, TaskForms.TaskWithForm task) {
        if (json == null || !json.isObject() || task == null) {
            return false;
        }
        boolean changed = false;
        for (String key : task.form().transientKeys()) {
            for (String member : route.maps()) {
                JsonNode variable = json.path(member).get(key);
                if (variable instanceof ObjectNode value) {
                    JsonNode info = value.get("valueInfo");
                    ObjectNode valueInfo = info instanceof ObjectNode existing ? existing : value.putObject("valueInfo");
                    valueInfo.put("transient", true);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /**
     * Takes the read-only fields (checked unchanged) out of the body: the process keeps its own value and type (an
     * untyped echo of an Integer could otherwise come back as a Long). True when anything changed.
     */
    private boolean dropReadonly(Route route, JsonNode json, TaskForms.TaskWithForm task) {
        if (json == null || !json.isObject() || task == null) {
            return false;
        }
        boolean changed = false;
        for (String member : route.maps()) {
            if (json.get(member) instanceof ObjectNode variables) {
                for (TaskForm.Field field : task.form().fields().values()) {
                    if (field.readonly() && variables.remove(field.key()) != null) {
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /** The routes judged by the task's form. */
    private static boolean onTask(Route route) {
        return route.kind() == Kind.TASK_SUBMIT || route.kind() == Kind.TASK_VARIABLES;
    }

    private void logAdministrator(String user, HttpServletRequest request) {
        LOG.warn("Administrator {} wrote variables directly: {} {}", user, request.getMethod(), request.getRequestURI());
    }

    private static boolean same(Object current, Object submitted) {
        if (current instanceof Number a && submitted instanceof Number b) {
            try {
                return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
            } catch (NumberFormatException e) {
                // Infinity or NaN (1e400 reads as Infinity): never what the process holds
                return false;
            }
        }
        if (current == null && submitted instanceof String text && text.isEmpty()) {
            return true;
        }
        return Objects.equals(current, submitted);
    }

    private boolean javaSerializationAllowed() {
        return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .isJavaSerializationFormatEnabled();
    }

    /** The route of a request that writes variables, over every normalized spelling of its path; else null. */
    Route route(HttpServletRequest request) {
        String method = request.getMethod() == null ? "" : request.getMethod().toUpperCase(Locale.ROOT);
        if (!Set.of("POST", "PUT", "DELETE").contains(method)) {
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
        boolean onVariables = n >= 3 && Set.of("variables", "localvariables").contains(s.get(2));
        boolean task = first.equals("task");
        boolean instance = Set.of("process-instance", "execution").contains(first);
        boolean local = onVariables && s.get(2).equals("localvariables");
        // …/{resource}/{id}/(local)variables/{name}/data: multipart binary data
        if (onVariables && n == 5 && last.equals("data") && (task || instance)) {
            Route binary = new Route(Kind.BINARY, List.of(), List.of(), segments.get(3), null, null, null);
            return task ? binary.onTask(segments.get(1)) : binary;
        }
        if (onVariables && n == 4 && (task || instance)) {
            // one variable, named by the path (names are case-sensitive)
            String name = segments.get(3);
            if (method.equals("POST")) {
                return null;
            }
            Kind kind = !task ? Kind.INSTANCE
                    : local ? Kind.TASK_LOCAL
                    : method.equals("DELETE") ? Kind.TASK_DELETE : Kind.TASK_VARIABLES;
            Route single = new Route(kind, List.of(), List.of(), name, null, null, null);
            return task ? single.onTask(segments.get(1)) : single;
        }
        if (method.equals("DELETE")) {
            return null;
        }
        if (onVariables && n == 3 && method.equals("POST") && (task || instance)) {
            Kind kind = !task ? Kind.INSTANCE : local ? Kind.TASK_LOCAL : Kind.TASK_VARIABLES;
            Route modifications = Route.of(kind, "modifications");
            return task ? modifications.onTask(segments.get(1)) : modifications;
        }
        if (method.equals("PUT")) {
            return null;
        }
        if (n == 1 || n == 2 && last.equals("async")) {
            return switch (first) {
                case "message" -> Route.of(Kind.INSTANCE, "processVariables", "processVariablesLocal",
                        "processVariablesToTriggeredScope");
                case "signal", "condition" -> Route.of(Kind.INSTANCE, "variables");
                default -> null;
            };
        }
        if (first.equals("process-definition") && n >= 3 && Set.of("start", "submit-form").contains(last)) {
            Route start = Route.of(Kind.START, "variables").withInstructions("startInstructions");
            // process-definition/{id}/…, process-definition/key/{key}/… (tenant-id/{t}/… after the key)
            return s.get(1).equals("key") && n >= 4 ? start.ofDefinition("key:" + segments.get(2))
                    : start.ofDefinition("id:" + segments.get(1));
        }
        if (task && n == 3 && Set.of("complete", "submit-form", "resolve").contains(last)) {
            return Route.of(Kind.TASK_SUBMIT, "variables").onTask(segments.get(1));
        }
        if (task && n == 3 && Set.of("bpmnerror", "bpmnescalation").contains(last)) {
            return Route.of(Kind.INSTANCE, "variables").onTask(segments.get(1));
        }
        if (task && n == 4 && Set.of("comment", "attachment").contains(s.get(2)) && last.equals("create")) {
            return Route.of(Kind.TASK_NOTE).onTask(segments.get(1));
        }
        // restarts, modifications, migrations, executions' signals and message triggers, batch variable updates and
        // external tasks: how an instance moves and what it holds, outside its tasks
        if (first.equals("process-definition") && n == 3 && Set.of("restart", "restart-async").contains(last)
                || first.equals("process-instance") && n == 3 && Set.of("modification", "modification-async").contains(last)
                || first.equals("process-instance") && n == 2 && last.equals("variables-async")
                || first.equals("migration") && n == 2 && Set.of("execute", "executeasync").contains(last)
                || first.equals("execution") && (n == 3 && last.equals("signal") || n == 5 && last.equals("trigger"))) {
            return Route.of(Kind.INSTANCE, "variables").withInstructions("instructions");
        }
        if (first.equals("external-task") && n == 3) {
            return Route.of(Kind.INSTANCE, "variables", "localVariables");
        }
        return null;
    }
}
