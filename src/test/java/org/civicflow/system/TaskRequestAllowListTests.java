package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.civicflow.support.WebappSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task's user may send only what the task's form offers — replayed from the black-box probe's attacks on both
 * APIs: task-local shadow values, deletions, binary data, routing variables, serialized objects, updates of the task
 * itself; and the legitimate path (claim, fill the form, complete) still works.
 */
@CivicFlowTest
class TaskRequestAllowListTests {

    static final String KEY = "allowListProbe";
    static final String WORKER = "allowliststreet";
    static final String BUREAU = "allowlistbureau";
    static final String ADMIN = "allowlistadmin";
    static final String FORM = """
            {"schemaVersion": 16, "id": "allow-list-probe", "type": "default", "components": [
              {"id": "Field_applicationId", "type": "textfield", "key": "applicationId", "readonly": true},
              {"id": "Field_round", "type": "number", "key": "round", "readonly": true},
              {"id": "Field_decision", "type": "select", "key": "decision", "validate": {"required": true},
               "values": [{"label": "同意", "value": "APPROVE"}, {"label": "退回", "value": "RETURN"}]},
              {"id": "Field_score", "type": "number", "key": "score", "decimalDigits": 0,
               "validate": {"required": true, "min": 0, "max": 100}},
              {"id": "Field_code", "type": "textfield", "key": "code", "validate": {"pattern": "^[0-9]{3}$"}},
              {"id": "Field_secret", "type": "textarea", "key": "secret", "properties": {"transient": "true"}},
              {"id": "Field_hidden", "type": "textfield", "key": "hidden", "disabled": true},
              {"id": "Text_intro", "type": "text", "text": "说明"}
            ]}
            """;

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    Authorizations authorizations;
    @Autowired
    TestUsers users;
    @Autowired
    Api api;

    String deploymentId;
    String instanceId;
    Task task;

    @BeforeEach
    void start() {
        deploymentId = repositoryService.createDeployment().name("allow-list probe")
                .addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(5479)
                        .startEvent()
                        .userTask("Task_Probe").name("办理测试任务").camundaCandidateGroups(Groups.STREET)
                        .camundaFormRef("allow-list-probe").camundaFormRefBinding("deployment")
                        // what a recording listener would see of the transient field
                        .camundaExecutionListenerExpression("end", "${execution.setVariable('secretSeen', execution.getVariable('secret'))}")
                        .endEvent().done())
                .addString("allow-list-probe.form", FORM)
                .deploy().getId();
        users.create(WORKER, Groups.STREET);
        users.create(BUREAU, Groups.BUREAU);
        users.create(ADMIN, Groups.ADMIN);
        // the test-coverage recorder reads the definition as whoever completes a task (tests only)
        authorizations.grantGroup(Groups.STREET, Resources.PROCESS_DEFINITION, KEY, Permissions.READ);
        instanceId = runtimeService.startProcessInstanceByKey(KEY, Map.of("applicationId", "APP-1",
                "tenderKind", "SERVICE_UNIT", "round", 2)).getId();
        task = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
    }

    @AfterEach
    void undeploy() {
        repositoryService.deleteDeployment(deploymentId, true);
    }

    private String taskPath(String suffix) {
        return "/engine-rest/task/" + task.getId() + suffix;
    }

    private static Map<String, Object> legitimate() {
        return Map.of("applicationId", Map.of("value", "APP-1", "type", "String"),
                "decision", Map.of("value", "APPROVE", "type", "String"),
                "score", Map.of("value", 80, "type", "Integer"),
                "secret", Map.of("value", "仅供记录", "type", "String"));
    }

    @Test
    void aTaskLocalShadowValueIsRefusedAndCannotBeEchoedOnCompletion() {
        Api.Response shadow = api.as(WORKER).put(taskPath("/localVariables/applicationId"),
                Map.of("value", "APP-2", "type", "String"));
        assertThat(shadow.status()).as(shadow.body()).isEqualTo(400);
        assertThat(shadow.errorFields()).containsExactly("applicationId");
        Api.Response viaModifications = api.as(WORKER).post(taskPath("/localVariables"),
                Map.of("modifications", Map.of("applicationId", Map.of("value", "APP-2", "type", "String"))));
        assertThat(viaModifications.status()).as(viaModifications.body()).isEqualTo(400);
        assertThat(taskService.getVariablesLocal(task.getId())).isEmpty();

        Map<String, Object> forged = new java.util.HashMap<>(legitimate());
        forged.put("applicationId", Map.of("value", "APP-2", "type", "String"));
        Api.Response complete = api.as(WORKER).post(taskPath("/complete"), Map.of("variables", forged));
        assertThat(complete.status()).as(complete.body()).isEqualTo(400);
        assertThat(complete.errorFields()).containsExactly("applicationId");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
        assertThat(runtimeService.getVariable(instanceId, "applicationId")).isEqualTo("APP-1");
    }

    @Test
    void deletionsAndBinaryDataAreRefusedForTaskUsers() {
        Api.Response delete = api.as(WORKER).send("DELETE", taskPath("/variables/applicationId"), null);
        assertThat(delete.status()).as(delete.body()).isEqualTo(400);
        assertThat(delete.errorFields()).containsExactly("applicationId");
        Api.Response deleteLocal = api.as(WORKER).send("DELETE", taskPath("/localVariables/applicationId"), null);
        assertThat(deleteLocal.status()).as(deleteLocal.body()).isEqualTo(400);
        Api.Response deletions = api.as(WORKER).post(taskPath("/variables"),
                Map.of("modifications", Map.of(), "deletions", List.of("applicationId", "tenderKind")));
        assertThat(deletions.status()).as(deletions.body()).isEqualTo(400);
        assertThat(deletions.errorFields()).containsExactlyInAnyOrder("applicationId", "tenderKind");
        // the route alone refuses binary data: the multipart body is never read
        Api.Response bytes = api.as(WORKER).post(taskPath("/variables/applicationId/data"), "--x\r\n");
        assertThat(bytes.status()).as(bytes.body()).isEqualTo(400);
        assertThat(bytes.errorFields()).containsExactly("applicationId");
        Api.Response typedBytes = api.as(WORKER).post(taskPath("/complete"), Map.of("variables",
                Map.of("score", Map.of("value", "AAEC", "type", "Bytes"))));
        assertThat(typedBytes.status()).as(typedBytes.body()).isEqualTo(400);
        assertThat(typedBytes.errorFields()).containsExactly("score");
        assertThat(runtimeService.getVariables(instanceId)).containsEntry("applicationId", "APP-1")
                .containsEntry("tenderKind", "SERVICE_UNIT");
    }

    @Test
    void anEmptyBodyCannotSetAVariableToNull() {
        for (String path : List.of(taskPath("/variables/tenderKind"), taskPath("/localVariables/tenderKind"),
                taskPath("/variables/decision"))) {
            Api.Response empty = api.as(WORKER).send("PUT", path, "");
            assertThat(empty.status()).as(path + " " + empty.body()).isEqualTo(400);
        }
        Api.Response bureau = api.as(BUREAU).send("PUT", taskPath("/variables/tenderKind"), "");
        assertThat(bureau.status()).as(bureau.body()).isEqualTo(400);
        assertThat(bureau.errorFields()).containsExactly("tenderKind");
        assertThat(runtimeService.getVariable(instanceId, "tenderKind")).isEqualTo("SERVICE_UNIT");
    }

    @Test
    void errorsEscalationsRestartsAndStartInstructionsAreForAdministratorsOnly() {
        Api.Response error = api.as(WORKER).post(taskPath("/bpmnError"), Map.of("errorCode", "x",
                "variables", Map.of("decision", Map.of("value", "APPROVE", "type", "String"))));
        assertThat(error.status()).as(error.body()).isEqualTo(403);
        assertThat(api.as(WORKER).post(taskPath("/bpmnEscalation"), Map.of("escalationCode", "x")).status())
                .isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the instance did not end").isOne();

        String definitionId = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getProcessDefinitionId();
        Api.Response restart = api.as(BUREAU).post("/engine-rest/process-definition/" + definitionId + "/restart",
                Map.of("processInstanceIds", List.of(instanceId),
                        "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_Probe"))));
        assertThat(restart.status()).as(restart.body()).isEqualTo(403);
        Api.Response modification = api.as(BUREAU).post("/engine-rest/process-instance/" + instanceId
                + "/modification-async", Map.of("instructions", List.of(Map.of("type", "cancel", "activityId", "Task_Probe"))));
        assertThat(modification.status()).as(modification.body()).isEqualTo(403);

        Api.Response skipping = api.as(BUREAU).post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("skipCustomListeners", true, "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                        "activityId", "Task_DecideFunding"))));
        assertThat(skipping.status()).as(skipping.body()).isEqualTo(400);
        assertThat(skipping.errorFields()).containsExactlyInAnyOrder("startInstructions", "skipCustomListeners");
    }

    @Test
    void aReadOnlyNumberThatIsNoNumberAnswers400AndAnEchoKeepsTheProcessesType() {
        Api.Response infinite = api.as(WORKER).post(taskPath("/complete"),
                "{\"variables\": {\"round\": {\"value\": 1e400, \"type\": \"Double\"}}}");
        assertThat(infinite.status()).as(infinite.body()).isIn(400);

        Map<String, Object> echo = new java.util.HashMap<>(legitimate());
        echo.put("round", Map.of("value", 2, "type", "Long"));
        assertThat(api.as(WORKER).post(taskPath("/complete"), Map.of("variables", echo)).status()).isEqualTo(204);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("round").singleResult().getTypeName()).isEqualTo("integer");
    }

    @Test
    void aRoutingVariableTheFormDoesNotOfferIsRefused() {
        Map<String, Object> variables = new java.util.HashMap<>(legitimate());
        variables.put("tenderKind", Map.of("value", "EVALUATOR", "type", "String"));
        variables.put("hidden", Map.of("value", "x", "type", "String"));

        Api.Response response = api.as(WORKER).post(taskPath("/complete"), Map.of("variables", variables));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("tenderKind", "hidden");
        assertThat(response.json().path("message").asText()).contains("不是本任务表单的字段");
        assertThat(runtimeService.getVariable(instanceId, "tenderKind")).isEqualTo("SERVICE_UNIT");
    }

    @Test
    void editableFieldsAreCheckedAsTheFormChecksThem() {
        Api.Response response = api.as(WORKER).post(taskPath("/complete"), Map.of("variables", Map.of(
                "decision", Map.of("value", "TERMINATE", "type", "String"),
                "score", Map.of("value", 101, "type", "Integer"),
                "code", Map.of("value", "12a", "type", "String"))));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("decision", "score", "code");

        Api.Response missing = api.as(WORKER).post(taskPath("/complete"), Map.of("variables", Map.of(
                "decision", Map.of("value", "APPROVE", "type", "String"),
                "score", Map.of("value", 7.5, "type", "Double"))));
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).contains("score：须为整数");
    }

    @Test
    void serializedObjectsAndUnpairedSurrogatesAreRefusedNamingThem() {
        Api.Response object = api.as(BUREAU).post("/engine-rest/process-definition/key/" + KEY + "/start",
                Map.of("variables", Map.of("payload", Map.of("value", "{\"a\":1}", "type", "Object",
                        "valueInfo", Map.of("objectTypeName", "java.util.HashMap",
                                "serializationDataFormat", "application/json")))));
        assertThat(object.status()).as(object.body()).isEqualTo(400);
        assertThat(object.errorFields()).containsExactly("payload");

        Api.Response surrogate = api.as(WORKER).post(taskPath("/complete"),
                "{\"variables\": {\"secret\": {\"value\": \"a\\ud800b\", \"type\": \"String\"}}}");
        assertThat(surrogate.status()).as(surrogate.body()).isEqualTo(400);
        assertThat(surrogate.errorFields()).containsExactly("secret");
    }

    @Test
    void aStartMaySendOnlyTheFieldsOfItsStartForm() {
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("projectApplication").count();
        Api.Response response = api.as(BUREAU).post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("variables", Map.of(
                        "projectTitle", Map.of("value", "社区服务", "type", "String"),
                        "applicationStatus", Map.of("value", "FUNDED", "type", "String"),
                        "organizationGroup", Map.of("value", "org-91110111MA00000000", "type", "String"))));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("applicationStatus", "organizationGroup");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("projectApplication").count())
                .isEqualTo(before);
    }

    @Test
    void theLegitimatePathWorksAndTransientFieldsAreNeverStored() {
        assertThat(api.as(WORKER).post(taskPath("/claim"), Map.of("userId", WORKER)).status()).isEqualTo(204);

        Api.Response complete = api.as(WORKER).post(taskPath("/complete"), Map.of("variables", legitimate()));

        assertThat(complete.status()).as(complete.body()).isEqualTo(204);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("decision").singleResult().getValue()).isEqualTo("APPROVE");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("secretSeen").singleResult().getValue()).as("the listener saw it").isEqualTo("仅供记录");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("secret").count()).as("the engine kept no copy").isZero();
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instanceId).variableUpdates().list())
                .extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())
                .contains("decision").doesNotContain("secret");
    }

    @Test
    void candidatesMayClaimAndCompleteButNotUpdateTheirTask() {
        String past = "2099-01-01T00:00:00.000+0800";
        Api.Response due = api.as(WORKER).put(taskPath(""), Map.of("name", task.getName(), "due", past));
        assertThat(due.status()).as(due.body()).isEqualTo(403);
        Api.Response group = api.as(WORKER).post(taskPath("/identity-links"), Map.of("groupId", Groups.PROVIDER,
                "type", "candidate"));
        assertThat(group.status()).as(group.body()).isEqualTo(403);
        Api.Response delegate = api.as(WORKER).post(taskPath("/delegate"), Map.of("userId", BUREAU));
        assertThat(delegate.status()).as(delegate.body()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getDueDate()).isNull();
        assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
                .groupIdIn(Groups.STREET)
                .singleResult()).satisfies(grant -> {
                    assertThat(grant.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
                    assertThat(grant.isPermissionGranted(Permissions.UPDATE)).isFalse();
                });

        assertThat(api.as(WORKER).post(taskPath("/claim"), Map.of("userId", WORKER)).status()).isEqualTo(204);
        assertThat(api.as(WORKER).post(taskPath("/complete"), Map.of("variables", legitimate())).status())
                .isEqualTo(204);
    }

    @Test
    void anInstancesVariablesAreWrittenDirectlyByAdministratorsOnly() {
        String path = "/engine-rest/process-instance/" + instanceId + "/variables/applicationId";
        Api.Response bureau = api.as(BUREAU).put(path, Map.of("value", "APP-2", "type", "String"));
        assertThat(bureau.status()).as(bureau.body()).isEqualTo(403);
        assertThat(bureau.errorFields()).containsExactly("applicationId");
        Api.Response message = api.as(BUREAU).post("/engine-rest/message", Map.of("messageName", "x",
                "processVariables", Map.of("applicationId", Map.of("value", "APP-2", "type", "String"))));
        assertThat(message.status()).as(message.body()).isEqualTo(403);
        assertThat(api.as(BUREAU).send("DELETE", path, null).status()).isEqualTo(403);
        assertThat(runtimeService.getVariable(instanceId, "applicationId")).isEqualTo("APP-1");

        Api.Response admin = api.as(ADMIN).put(path, Map.of("value", "APP-3", "type", "String"));
        assertThat(admin.status()).as(admin.body()).isEqualTo(204);
        assertThat(runtimeService.getVariable(instanceId, "applicationId")).isEqualTo("APP-3");
    }

    @Test
    void theWebappsEngineApiHoldsTasklistToTheSameForm() {
        WebappSession tasklist = WebappSession.login(api, WORKER);

        Api.Response shadow = tasklist.send("PUT", "/task/" + task.getId() + "/localVariables/applicationId",
                "{\"value\": \"APP-2\", \"type\": \"String\"}");
        assertThat(shadow.status()).as(shadow.body()).isEqualTo(400);
        Api.Response forged = tasklist.send("POST", "/task/" + task.getId() + "/submit-form",
                "{\"variables\": {\"tenderKind\": {\"value\": \"EVALUATOR\", \"type\": \"String\"}}}");
        assertThat(forged.status()).as(forged.body()).isEqualTo(400);
        assertThat(forged.json().path("message").asText()).contains("tenderKind");

        Api.Response submit = tasklist.send("POST", "/task/" + task.getId() + "/submit-form", api.toJson(
                Map.of("variables", legitimate())));
        assertThat(submit.status()).as(submit.body()).isIn(200, 204);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("secret").count()).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    }
}
