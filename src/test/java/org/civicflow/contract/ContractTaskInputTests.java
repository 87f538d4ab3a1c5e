package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * serviceContract's user tasks completed over Camunda REST by real users: bad input answers 400 naming the field
 * and leaves the task open; a provider works only on its own organization's tasks (SPEC §1).
 */
@CivicFlowTest
class ContractTaskInputTests {

    static final String STREET = "ctistreet";

    @Autowired
    ContractScenario scenario;
    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TestUsers users;
    @Autowired
    Api api;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    ProcessEngine engine;

    String code;
    String provider;
    ProcessInstance instance;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        code = scenario.pilotOrganization();
        provider = suzhou.providerOf(code);
        instance = scenario.startPilot(code);
        users.create(STREET, Groups.STREET, Groups.street(ContractScenario.UNIT));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---- helpers

    private Api.Response complete(String user, String taskKey, Map<String, Object> variables) {
        Task task = scenario.task(instance, taskKey);
        assertThat(task).as(taskKey).isNotNull();
        return api.as(user).post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Api.typed(variables)));
    }

    /** 400 naming exactly {@code field} (with {@code message} in its message), the same task still open. */
    private void assertRefused(String user, String taskKey, Map<String, Object> variables, String field, String message) {
        String before = scenario.task(instance, taskKey).getId();
        Api.Response response = complete(user, taskKey, variables);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).contains("json");
        assertThat(response.errorFields()).as(response.body()).containsExactly(field);
        assertThat(response.json().path("errors").get(0).path("message").asText()).contains(message);
        assertThat(response.json().path("message").asText()).contains(field);
        Task after = scenario.task(instance, taskKey);
        assertThat(after).as("the task stays open").isNotNull();
        assertThat(after.getId()).isEqualTo(before);
    }

    /**
     * Test harness only: the process-test-coverage listener (@CivicFlowTest) looks up the process definition inside
     * the completing user's command, which needs READ on serviceContract's definition. Granted to the one user;
     * it gives no access to tasks or instances.
     */
    private void coverageMayReadTheDefinition(String user) {
        if (authorizationService.createAuthorizationQuery().userIdIn(user).resourceType(Resources.PROCESS_DEFINITION)
                .resourceId("serviceContract").count() == 0) {
            Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setUserId(user);
            grant.setResource(Resources.PROCESS_DEFINITION);
            grant.setResourceId("serviceContract");
            grant.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(grant);
        }
    }

    private void toPlan() {
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
    }

    private void toAgreement() {
        toPlan();
        scenario.complete(instance, "Task_PrepareExecutionPlan", ContractScenario.plan());
    }

    private void toFirstReport() {
        toAgreement();
        scenario.complete(instance, "Task_ConfirmServiceAgreement", ContractScenario.agreement());
        FangshanScenario.clock("2018-10-02T10:00:00+08:00");
        fangshan.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SubmitQuarterlyReport");
    }

    // ---- Task_SubmitQuarterlyReport (SZ-07, SZ-08, SZ-11)

    @Test
    void sz07_moreCaseServedThanPersonsServedIs400NamingCaseServed() {
        toFirstReport();
        Map<String, Object> figures = ContractScenario.goodQuarter();
        figures.put("caseServed", 11);
        assertRefused(provider, "Task_SubmitQuarterlyReport", figures, "caseServed", "不能多于本季度服务人数10");
    }

    @Test
    void sz11_badCommunityFiguresLineIs400NamingCommunityFiguresAndTheLine() {
        toFirstReport();
        Map<String, Object> figures = ContractScenario.goodQuarter();
        figures.put("communityFigures", figures.get("communityFigures") + "\n平江：需求档案 40");
        assertRefused(provider, "Task_SubmitQuarterlyReport", figures, "communityFigures", "第6行：“平江”不是本合同的服务社区");
    }

    @Test
    void sz07_badCompletedOnIs400NamingCompletedOn() {
        toFirstReport();
        Map<String, Object> figures = ContractScenario.goodQuarter();
        figures.put("completedOn", "2020年12月5日");
        assertRefused(provider, "Task_SubmitQuarterlyReport", figures, "completedOn", "yyyy-MM-dd");
    }

    @Test
    void sz07_goodFiguresAreAcceptedOverRest() {
        toFirstReport();
        coverageMayReadTheDefinition(provider);
        Api.Response response = complete(provider, "Task_SubmitQuarterlyReport", ContractScenario.goodQuarter());

        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(instance).isWaitingAt("Timer_QuarterEnd");
    }

    @Test
    void sz09_theProviderCannotSendTheStreetsAssessmentToItself() {
        toFirstReport();
        Map<String, Object> figures = ContractScenario.goodQuarter();
        figures.put("streetGroup", Groups.organization(code));
        assertRefused(provider, "Task_SubmitQuarterlyReport", figures, "streetGroup", "由流程维护");
        assertThat(runtimeService.getVariable(instance.getId(), "streetGroup"))
                .isEqualTo(Groups.street(ContractScenario.UNIT));
    }

    // ---- Task_PrepareExecutionPlan (SZ-16)

    @Test
    void sz16_planWithoutMandatoryItem21Is400NamingServiceItems() {
        toPlan();
        Map<String, Object> plan = ContractScenario.plan();
        plan.put("serviceItems", "1-1,1-6,2-2,3-1,3-3,4-1,4-2,4-3");
        assertRefused(provider, "Task_PrepareExecutionPlan", plan, "serviceItems", "SZ-16：缺少必选项目 2-1 社区需求调查");
    }

    @Test
    void sz16_unknownServiceItemIs400NamingServiceItems() {
        toPlan();
        Map<String, Object> plan = ContractScenario.plan();
        plan.put("serviceItems", "1-1,2-1,2-2,3-3,9-9");
        assertRefused(provider, "Task_PrepareExecutionPlan", plan, "serviceItems", "9-9 不在服务清单中");
    }

    // ---- Task_ConfirmServiceAgreement (SZ-16)

    @Test
    void sz16_residentsNotAgreedIs400NamingResidentsAgreed() {
        toAgreement();
        Map<String, Object> agreement = ContractScenario.agreement();
        agreement.put("residentsAgreed", false);
        assertRefused(STREET, "Task_ConfirmServiceAgreement", agreement, "residentsAgreed", "SZ-16");
    }

    @Test
    void sz16_threeStreetCoordinatorsIs400NamingStreetCoordinators() {
        toAgreement();
        Map<String, Object> agreement = ContractScenario.agreement();
        agreement.put("streetCoordinators", "王协调,李协调,张协调");
        assertRefused(STREET, "Task_ConfirmServiceAgreement", agreement, "streetCoordinators", "现为3名");
    }

    @Test
    void sz16_aCommunityWithoutCoordinatorIs400NamingCommunityCoordinators() {
        toAgreement();
        Map<String, Object> agreement = ContractScenario.agreement();
        agreement.put("communityCoordinators", ((String) agreement.get("communityCoordinators")).replace("竹辉：李协调", "竹辉："));
        assertRefused(STREET, "Task_ConfirmServiceAgreement", agreement, "communityCoordinators",
                "SZ-16：竹辉须确定1至2名试点协调员，现为0名");
    }

    @Test
    void sz16_aGoodAgreementIsConfirmedByTheStreetOverRest() {
        toAgreement();
        coverageMayReadTheDefinition(STREET);
        Api.Response response = complete(STREET, "Task_ConfirmServiceAgreement", ContractScenario.agreement());
        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(instance).hasPassed("Task_IssueServiceAgreement").isWaitingAt("Timer_QuarterEnd");
    }

    // ---- Task_AssessYearByStreet (SZ-09)

    @Test
    void sz09_scoreOver100Is400NamingTheScore() {
        toFirstReport();
        scenario.complete(instance, "Task_SubmitQuarterlyReport", ContractScenario.goodQuarter());
        scenario.reportQuarter(instance, java.time.OffsetDateTime.parse("2019-01-02T10:00:00+08:00").toInstant(),
                ContractScenario.goodQuarter());
        scenario.reportQuarter(instance, java.time.OffsetDateTime.parse("2019-04-02T10:00:00+08:00").toInstant(),
                ContractScenario.goodQuarter());
        FangshanScenario.clock("2019-07-02T10:00:00+08:00");
        fangshan.executeJobs(instance.getId());
        scenario.complete(instance, "Task_SubmitQuarterlyReport", ContractScenario.goodQuarter());
        assertThat(instance).isWaitingAt("Task_AssessYearByStreet", "Task_AssessYearByCommunity");

        Map<String, Object> assessment = ContractScenario.assessment();
        assessment.put("progressScore", 101);
        assertRefused(STREET, "Task_AssessYearByStreet", assessment, "progressScore", "100");
    }

    // ---- who may work on the contractor's tasks

    @Test
    void aProviderOfAnotherOrganizationCannotSeeOrCompleteTheTeamTask() {
        String other = suzhou.providerOf(suzhou.qualifiedBidder());
        coverageMayReadTheDefinition(other);
        Task task = scenario.task(instance, "Task_RegisterServiceTeam");

        Api.Response tasks = api.as(other).get("/engine-rest/task?processInstanceId=" + instance.getId());
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.json()).isEmpty();
        assertThat(api.as(other).get("/engine-rest/task/" + task.getId()).status()).isIn(403, 404);

        Api.Response response = complete(other, "Task_RegisterServiceTeam", scenario.team(code));
        assertThat(response.status()).as(response.body()).isIn(403, 404);
        assertThat(scenario.task(instance, "Task_RegisterServiceTeam").getId()).isEqualTo(task.getId());
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam");
    }

    @Test
    void theContractorsOwnProviderSeesAndCompletesTheTeamTask() {
        Task task = scenario.task(instance, "Task_RegisterServiceTeam");

        Api.Response tasks = api.as(provider).get("/engine-rest/task?processInstanceId=" + instance.getId());
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.json()).hasSize(1);
        assertThat(tasks.json().get(0).path("id").asText()).isEqualTo(task.getId());
        assertThat(tasks.json().get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_RegisterServiceTeam");

        coverageMayReadTheDefinition(provider);
        Api.Response response = complete(provider, "Task_RegisterServiceTeam", scenario.team(code));
        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(instance).isWaitingAt("Task_PrepareExecutionPlan").hasPassed("EndEvent_TeamFormed");
    }

    @Test
    void aStreetUserCannotCompleteTheContractorsTeamTask() {
        coverageMayReadTheDefinition(STREET);
        Api.Response response = complete(STREET, "Task_RegisterServiceTeam", scenario.team(code));
        assertThat(response.status()).as(response.body()).isIn(403, 404);
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam");
    }
}
