package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Variables Camunda cannot store, or would refuse without naming them, are refused with 400 naming each one before
 * anything is written — on task completion, variable updates and the webapps' form submission as on process starts
 * (those: ProcessStartFuzzTests) — while good values pass as before.
 */
@CivicFlowTest
class VariableInputGuardTests {

    static final String KEY = "variableGuardProbe";
    static final String USER = "guardbureau";
    static final String ADMIN = "guardadmin";
    /** The probe task's form: what its user may send. */
    static final String FORM = """
            {"schemaVersion": 16, "id": "variable-guard-probe", "type": "default", "components": [
              {"id": "Field_applicationId", "type": "textfield", "key": "applicationId", "readonly": true},
              {"id": "Field_streetGroup", "type": "textfield", "key": "streetGroup", "readonly": true},
              {"id": "Field_score", "type": "number", "key": "score", "decimalDigits": 0,
               "validate": {"min": 0, "max": 100}},
              {"id": "Field_comment", "type": "textfield", "key": "comment", "validate": {"maxLength": 200}},
              {"id": "Field_note", "type": "textarea", "key": "note"}
            ]}
            """;
    static final Map<String, Object> JAVA_SERIALIZED = Map.of("value", "rO0ABXQAA2FiYw==", "type", "Object",
            "valueInfo", Map.of("objectTypeName", "java.lang.String",
                    "serializationDataFormat", "application/x-java-serialized-object"));

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    TestUsers users;
    @Autowired
    Api api;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    AsSystem asSystem;
    @Autowired
    HistoryService historyService;

    String deploymentId;
    String instanceId;
    Task task;

    @BeforeEach
    void start() {
        deploymentId = repositoryService.createDeployment().name("variable guard probe")
                .addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(5479)
                        .startEvent().userTask("Task_Probe").name("办理测试任务").camundaCandidateGroups(Groups.BUREAU)
                        .camundaFormRef("variable-guard-probe").camundaFormRefBinding("deployment")
                        .endEvent().done())
                .addString("variable-guard-probe.form", FORM)
                .deploy().getId();
        users.create(USER, Groups.BUREAU);
        users.create(ADMIN, Groups.ADMIN);
        instanceId = runtimeService.startProcessInstanceByKey(KEY).getId();
        task = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
    }

    @AfterEach
    void undeploy() {
        repositoryService.deleteDeployment(deploymentId, true);
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingItAndTheTaskStaysOpen() {
        Api.Response response = api.as(USER).post("/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of("score", Map.of("value", "abc", "type", "Integer"),
                        "comment", Map.of("value", "可行", "type", "String"))));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("score");
        assertThat(response.json().path("message").asText()).contains("score", "Integer");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
        assertThat(runtimeService.getVariables(instanceId)).isEmpty();
    }

    @Test
    void goodValuesPassAsBefore() {
        Api.Response response = api.as(USER).post("/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of("score", Map.of("value", "88", "type", "Integer"))));

        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    @Test
    void aTextOverFourThousandCharactersIsRefusedAndOneOfExactlyFourThousandIsKept() {
        // an instance's variables are written directly by administrators only (Cockpit's repairs)
        String path = "/engine-rest/process-instance/" + instanceId + "/variables/note";

        Api.Response tooLong = api.as(ADMIN).put(path, Map.of("value", "服".repeat(4001), "type", "String"));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.errorFields()).containsExactly("note");
        assertThat(runtimeService.getVariable(instanceId, "note")).isNull();

        Api.Response longest = api.as(ADMIN).put(path, Map.of("value", "服".repeat(4000), "type", "String"));
        assertThat(longest.status()).as(longest.body()).isEqualTo(204);
        assertThat((String) runtimeService.getVariable(instanceId, "note")).hasSize(4000);
    }

    @Test
    void everyBadVariableOfAModificationIsNamed() {
        // an instance's variables are written directly by administrators only; their values are checked all the same
        Api.Response response = api.as(ADMIN).post("/engine-rest/process-instance/" + instanceId + "/variables",
                Map.of("modifications", Map.of(
                        "count", Map.of("value", "many", "type", "Long"),
                        "payload", JAVA_SERIALIZED,
                        "fine", Map.of("value", "好", "type", "String"))));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("count", "payload");
        assertThat(runtimeService.getVariables(instanceId)).as("nothing half-written").isEmpty();
    }

    @Test
    void aTaskCannotRewriteWhatTheProcessKeepsForItself() {
        runtimeService.setVariable(instanceId, "applicationId", "APP-1");
        runtimeService.setVariable(instanceId, "streetGroup", "street-SZ-A");
        String complete = "/engine-rest/task/" + task.getId() + "/complete";

        Api.Response redirect = api.as(USER).post(complete, Map.of("variables", Map.of(
                "applicationId", Map.of("value", "APP-2", "type", "String"),
                "streetGroup", Map.of("value", "org-52110111MJ00001224", "type", "String"),
                "approvalNoticeDocumentId", Map.of("value", "x", "type", "String"),
                "score", Map.of("value", 80, "type", "Integer"))));
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(400);
        assertThat(redirect.errorFields()).containsExactlyInAnyOrder("applicationId", "streetGroup",
                "approvalNoticeDocumentId");
        assertThat(redirect.json().path("message").asText()).contains("由流程维护", "不是本任务表单的字段");
        Api.Response viaVariables = api.as(USER).put("/engine-rest/task/" + task.getId() + "/variables/applicationId",
                Map.of("value", "APP-2", "type", "String"));
        assertThat(viaVariables.status()).as(viaVariables.body()).isEqualTo(400);
        assertThat(runtimeService.getVariable(instanceId, "applicationId")).isEqualTo("APP-1");

        // Tasklist sends a form's read-only fields back unchanged: that passes
        Api.Response echo = api.as(USER).post(complete, Map.of("variables", Map.of(
                "applicationId", Map.of("value", "APP-1", "type", "String"),
                "score", Map.of("value", 80, "type", "Integer"))));
        assertThat(echo.status()).as(echo.body()).isEqualTo(204);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("applicationId").singleResult().getValue()).isEqualTo("APP-1");
    }

    @Test
    void anUntypedTextOverFourThousandCharactersIsRefusedToo() {
        Api.Response response = api.as(USER).post("/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of("note", Map.of("value", "x".repeat(4001)))));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("note");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        for (String body : List.of("null", "[]", "1", "{\"variables\": 1}", "{")) {
            Api.Response response = api.as(USER).post("/engine-rest/task/" + task.getId() + "/complete", body);
            assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
        }
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
    }

    @Test
    void withoutAWebappLoginTheBodyIsNotEvenRead() {
        Api.Response response = api.anonymous().post("/camunda/api/engine/engine/default/task/" + task.getId()
                + "/submit-form", Map.of("variables", Map.of("score", Map.of("value", "abc", "type", "Integer"))));

        assertThat(response.status()).as(response.body()).isIn(401, 403);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
    }

    @Test
    void withoutCredentialsTheAnswerIs401BeforeTheBodyIsJudged() {
        Api.Response response = api.anonymous().post("/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of("score", Map.of("value", "abc", "type", "Integer"))));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theGuardCoversEveryRequestThatCarriesVariablesOnBothApis() {
        VariableInputGuardFilter guard = new VariableInputGuardFilter("/engine-rest", "/camunda", processEngine,
                new ObjectMapper(), asSystem, new Administrators(processEngine.getIdentityService(),
                        processEngine.getAuthorizationService()));
        for (String path : List.of("/engine-rest/process-definition/key/x/start",
                "/engine-rest/process-definition/key/x/tenant-id/t/submit-form",
                "/engine-rest/process-definition/abc:1:2/submit-form", "/engine-rest/engine/default/task/1/complete",
                "/engine-rest/task/1/resolve", "/engine-rest//TASK/1/submit-form/",
                "/camunda/api/engine/engine/default/task/1/submit-form",
                "/camunda/api/engine/engine/default/process-definition/abc/submit-form",
                "/engine-rest/execution/1/localVariables", "/engine-rest/task/1/bpmnError",
                "/engine-rest/task/1/bpmnEscalation", "/engine-rest/message", "/engine-rest/signal",
                "/engine-rest/condition", "/engine-rest/process-instance/1/modification",
                "/engine-rest/external-task/1/complete", "/engine-rest/external-task/1/bpmnError",
                "/engine-rest/process-instance/1/variables/x/data", "/engine-rest/task/1/localVariables/x/data",
                "/engine-rest/task/1/variables/x/data", "/engine-rest/task/1/localVariables")) {
            assertThat(guard.route(request("POST", path))).as(path).isNotNull();
        }
        assertThat(guard.route(request("PUT", "/engine-rest/task/1/localVariables/Note")).single()).isEqualTo("Note");
        assertThat(guard.route(request("PUT", "/engine-rest/task/1/localVariables/Note")).kind())
                .as("a task's local variables are not for its users").isEqualTo(VariableInputGuardFilter.Kind.TASK_LOCAL);
        for (String path : List.of("/engine-rest/task/1/variables/x", "/engine-rest/task/1/localVariables/x",
                "/engine-rest/process-instance/1/variables/x", "/engine-rest/execution/1/localVariables/x",
                "/camunda/api/engine/engine/default/task/1/variables/x")) {
            assertThat(guard.route(request("DELETE", path))).as("DELETE " + path).isNotNull();
        }
        assertThat(guard.route(request("PUT", "/engine-rest/task/7/variables/note")).taskId()).isEqualTo("7");
        assertThat(guard.route(request("POST", "/engine-rest/task/7/complete")).taskId()).isEqualTo("7");
        assertThat(guard.route(request("POST", "/camunda/api/engine/engine/default/task/7/submit-form")))
                .extracting(VariableInputGuardFilter.Route::taskId, VariableInputGuardFilter.Route::webappEngine)
                .containsExactly("7", "default");
        for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition/key/x",
                "/engine-rest/task/1/claim", "/api/applications")) {
            assertThat(guard.route(request("POST", path))).as(path).isNull();
        }
        assertThat(guard.route(request("GET", "/engine-rest/task/1/complete"))).isNull();
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRequestURI(path);
        return request;
    }
}
