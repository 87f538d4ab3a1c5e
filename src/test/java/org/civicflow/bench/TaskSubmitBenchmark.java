package org.civicflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.support.Api;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * task_submit_guard: what the task allow-list costs a Tasklist submission. The variable guard (the servlet filter in
 * front of both engine APIs) judges a completion with a form of ten fields — five read-only ones compared with the
 * process's values, five editable ones checked as the form checks them — for a street user, in-process with a no-op
 * chain (the task stays open, so the same tasks are judged again); against it, the whole completion of such a task
 * over HTTP (Basic login, guard, Camunda's REST API, the engine's commit). The ratio is the guard's share of a
 * completion.
 */
@BenchContext
@Import(Api.class)
class TaskSubmitBenchmark {

    static final String KEY = "benchSubmitProbe";
    static final String USER = "benchsubmitter";
    static final int TASKS = Integer.getInteger("bench.submit.tasks", 300);
    static final int WARM_UP = 50;
    static final int REPETITIONS = Integer.getInteger("bench.submit.repetitions", 1000);
    static final String FORM = """
            {"schemaVersion": 16, "id": "bench-submit-probe", "type": "default", "components": [
              {"id": "F1", "type": "textfield", "key": "applicationId", "readonly": true},
              {"id": "F2", "type": "textfield", "key": "projectTitle", "readonly": true},
              {"id": "F3", "type": "number", "key": "minBeneficiaries", "readonly": true},
              {"id": "F4", "type": "number", "key": "requestedAmount", "readonly": true, "decimalDigits": 2},
              {"id": "F5", "type": "textarea", "key": "targetBeneficiaries", "readonly": true},
              {"id": "F6", "type": "number", "key": "score", "decimalDigits": 0, "validate": {"required": true, "min": 0, "max": 100}},
              {"id": "F7", "type": "textarea", "key": "comment", "validate": {"required": true, "minLength": 2, "maxLength": 2000}},
              {"id": "F8", "type": "select", "key": "decision", "values": [{"label": "同意", "value": "YES"}, {"label": "不同意", "value": "NO"}]},
              {"id": "F9", "type": "checkbox", "key": "onSite"},
              {"id": "F10", "type": "textfield", "key": "code", "validate": {"pattern": "^[0-9]{6}$"}}
            ]}
            """;

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TestUsers users;
    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("variableInputGuard")
    FilterRegistrationBean<?> guard;

    @AfterEach
    void logout() {
        identityService.clearAuthentication();
    }

    @Test
    void guardShareOfACompletion() throws Exception {
        Bench.requireSynchronousCommit(jdbc);
        repositoryService.createDeployment().name(KEY)
                .addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(5479)
                        .startEvent().userTask("Task_Judge").name("评审").camundaCandidateGroups(Groups.STREET)
                        .camundaFormRef("bench-submit-probe").camundaFormRefBinding("deployment")
                        .endEvent().done())
                .addString("bench-submit-probe.form", FORM).deploy();
        users.create(USER, Groups.STREET);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String instance = runtimeService.startProcessInstanceByKey(KEY, Map.of("applicationId", "FS-2020-" + i,
                    "projectTitle", "独居老人心理关怀服务", "minBeneficiaries", 120, "requestedAmount", 150000.5,
                    "targetBeneficiaries", "辖区60岁以上独居老人")).getId();
            tasks.add(taskService.createTaskQuery().processInstanceId(instance).singleResult());
        }

        // the guard alone, as the engine REST API's login leaves the request (Basic header + engine authentication)
        Filter filter = guard.getFilter();
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + TestUsers.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        identityService.setAuthentication(USER, List.of(Groups.STREET));
        long[] guardNanos = new long[REPETITIONS];
        int passed = 0;
        for (int i = -WARM_UP; i < REPETITIONS; i++) {
            Task task = tasks.get(Math.floorMod(i, TASKS));
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/task/" + task.getId() + "/complete");
            request.setRequestURI("/engine-rest/task/" + task.getId() + "/complete");
            request.addHeader("Authorization", basic);
            request.setContentType("application/json");
            request.setContent(api.toJson(Map.of("variables", variables(Math.floorMod(i, TASKS)))).getBytes(StandardCharsets.UTF_8));
            MockHttpServletResponse response = new MockHttpServletResponse();
            boolean[] reached = {false};
            long start = System.nanoTime();
            filter.doFilter(request, response, (req, res) -> reached[0] = true);
            long elapsed = System.nanoTime() - start;
            assertThat(reached[0]).as(response.getContentAsString()).isTrue();
            if (i >= 0) {
                guardNanos[i] = elapsed;
                passed++;
            }
        }
        identityService.clearAuthentication();

        // whole completions over HTTP, each task once
        int completions = Math.min(TASKS, REPETITIONS);
        long[] completeNanos = new long[completions];
        for (int i = 0; i < completions; i++) {
            long start = System.nanoTime();
            Api.Response response = api.as(USER).post("/engine-rest/task/" + tasks.get(i).getId() + "/complete",
                    Map.of("variables", variables(i)));
            completeNanos[i] = System.nanoTime() - start;
            assertThat(response.status()).as(response.body()).isEqualTo(204);
        }
        assertThat(taskService.createTaskQuery().processDefinitionKey(KEY).count()).isEqualTo(TASKS - completions);

        double guardP50 = percentile(guardNanos, 0.50);
        double guardP95 = percentile(guardNanos, 0.95);
        double completeP50 = percentile(completeNanos, 0.50);
        Map<String, String> line = new LinkedHashMap<>();
        line.put("ratio", BenchResults.f2(guardP50 / completeP50));
        line.put("guard_p50_ms", BenchResults.f2(guardP50));
        line.put("guard_p95_ms", BenchResults.f2(guardP95));
        line.put("complete_p50_ms", BenchResults.f1(completeP50));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("guardP50Ms", guardP50);
        raw.put("guardP95Ms", guardP95);
        raw.put("completeP50Ms", completeP50);
        raw.put("completeP95Ms", percentile(completeNanos, 0.95));
        raw.put("guardRepetitions", passed);
        raw.put("completions", completions);
        raw.put("fields", "10 (5 read-only compared with the process, 5 editable checked)");
        raw.put("what", "guard alone (in-process, no-op chain) vs a whole REST completion, p50");
        BenchResults.record("task_submit_guard", line, raw);
    }

    private static Map<String, Object> variables(int i) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("applicationId", Map.of("value", "FS-2020-" + i, "type", "String"));
        variables.put("projectTitle", Map.of("value", "独居老人心理关怀服务", "type", "String"));
        variables.put("minBeneficiaries", Map.of("value", 120, "type", "Integer"));
        variables.put("requestedAmount", Map.of("value", 150000.5, "type", "Double"));
        variables.put("targetBeneficiaries", Map.of("value", "辖区60岁以上独居老人", "type", "String"));
        variables.put("score", Map.of("value", 80 + i % 20, "type", "Integer"));
        variables.put("comment", Map.of("value", "服务对象明确，方案可行", "type", "String"));
        variables.put("decision", Map.of("value", "YES", "type", "String"));
        variables.put("onSite", Map.of("value", true, "type", "Boolean"));
        variables.put("code", Map.of("value", "102400", "type", "String"));
        return variables;
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(p * sorted.length) - 1] / 1e6;
    }
}
