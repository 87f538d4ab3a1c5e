package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicflow.tender.TenderFixtures.DEADLINE;
import static org.civicflow.tender.TenderFixtures.ISSUED;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * LAW-03: only the tender's evaluation committee evaluates. Task_EvaluateBids is offered to the committee's experts
 * (not to the whole expert pool), and completing it as anyone else — another expert, the bureau, an administrator —
 * is refused (403) without a word about the bids.
 */
@CivicFlowTest
class EvaluationCommitteeTests {

    private static final List<String> COMMITTEE = List.of("eccexp1", "eccexp2", "eccexp3", "eccexp4", "eccexp5");
    private static final String OUTSIDER = "eccexp6";
    private static final String BUREAU = "eccbureau";
    private static final String ADMIN = "eccadmin";

    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    RegistryService registry;
    @Autowired
    TenderService tenders;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    FilterService filterService;
    @Autowired
    ProcessEngine engine;

    private String qualified;
    private String disqualified;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(ISSUED);
        COMMITTEE.forEach(id -> users.create(id, Groups.EXPERT));
        users.create(OUTSIDER, Groups.EXPERT);
        users.create(BUREAU, Groups.BUREAU);
        users.create(ADMIN, Groups.ADMIN);
    }

    @AfterEach
    void reset() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    /** Bids of a qualified and a disqualified bidder, opened; the committee set up: waiting at Task_EvaluateBids. */
    private ProcessInstance atEvaluation(String unit) {
        ProcessInstance instance = suzhou.start(suzhou.tender(unit, ISSUED, DEADLINE));
        qualified = suzhou.qualifiedBidder();
        disqualified = TenderFixtures.organization(registry, LegalForm.SOCIAL_GROUP, "社会工作服务");
        for (Map.Entry<String, Integer> bid : Map.of(qualified, 2_000_000, disqualified, 1_500_000).entrySet()) {
            assertThat(api.as(suzhou.providerOf(bid.getKey())).post("/api/tenders/" + unit + "/bids",
                    Map.of("organizationCode", bid.getKey(), "amount", bid.getValue())).status()).isEqualTo(201);
        }
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        taskService.complete(task(instance).getId(), TransientInput.texts("committeeExperts", String.join(",", COMMITTEE)));
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        return instance;
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    /** Camunda REST's task completion with the evaluation as transient variables (as Tasklist submits them). */
    private static Map<String, Object> evaluation(String winner) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("winningOrganizationCode", Map.of("value", winner, "type", "String",
                "valueInfo", Map.of("transient", true)));
        variables.put("evaluationReport", Map.of("value", "综合评分第一", "type", "String",
                "valueInfo", Map.of("transient", true)));
        return Map.of("variables", variables);
    }

    private void assertRefusedWithoutDetail(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("资格审查").doesNotContain("SZ-0").doesNotContain(disqualified)
                .doesNotContain(qualified).doesNotContain("未参加");
    }

    /**
     * Test harness only (as in ContractTaskInputTests): the process-test-coverage listener looks the process definition
     * up inside the completing user's command, which needs READ on it; this grants no access to tasks or instances.
     */
    private void coverageMayReadTheDefinition(String user) {
        if (authorizationService.createAuthorizationQuery().userIdIn(user).resourceType(Resources.PROCESS_DEFINITION)
                .resourceId("tenderProcurement").count() == 0) {
            Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setUserId(user);
            grant.setResource(Resources.PROCESS_DEFINITION);
            grant.setResourceId("tenderProcurement");
            grant.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(grant);
        }
    }

    @Test
    void theTaskIsOfferedToTheCommitteesExpertsOnly() {
        ProcessInstance instance = atEvaluation("ECCOFFER");
        Task task = task(instance);
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getUserId)
                .containsExactlyInAnyOrderElementsOf(COMMITTEE);
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
                .containsOnlyNulls();
        assertThat(taskService.createTaskQuery().taskCandidateUser(COMMITTEE.get(0)).processInstanceId(instance.getId())
                .count()).isOne();
        assertThat(taskService.createTaskQuery().taskCandidateUser(OUTSIDER).processInstanceId(instance.getId())
                .count()).isZero();
        assertThat(taskService.createTaskQuery().taskCandidateGroup(Groups.EXPERT).processInstanceId(instance.getId())
                .count()).isZero();
        // through the REST API, a committee member sees it, another expert does not
        assertThat(api.as(COMMITTEE.get(2)).get("/engine-rest/task?processInstanceId=" + instance.getId()).json())
                .hasSize(1);
        assertThat(api.as(OUTSIDER).get("/engine-rest/task?processInstanceId=" + instance.getId()).json()).isEmpty();
        // and in Tasklist's 本组待办 (the committee's experts are candidates by name)
        assertThat(groupTasks(COMMITTEE.get(1), instance)).containsExactly(task.getId());
        assertThat(groupTasks(OUTSIDER, instance)).isEmpty();
    }

    /** The tasks of this instance in the shared filter 本组待办, as the user runs it. */
    private List<String> groupTasks(String user, ProcessInstance instance) {
        Filter filter = filterService.createFilterQuery().filterName("本组待办").list().stream()
                .filter(f -> f.getOwner() == null).findFirst().orElseThrow();
        identityService.setAuthentication(user, List.of(Groups.EXPERT));
        try {
            return filterService.<Task>list(filter.getId()).stream()
                    .filter(t -> instance.getId().equals(t.getProcessInstanceId())).map(Task::getId).toList();
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void anExpertOutsideTheCommitteeCannotEvaluate() {
        ProcessInstance instance = atEvaluation("ECCOUTSIDE");
        String taskId = task(instance).getId();
        assertRefusedWithoutDetail(api.as(OUTSIDER).post("/engine-rest/task/" + taskId + "/complete",
                evaluation(disqualified)));
        assertRefusedWithoutDetail(api.as(OUTSIDER).post("/engine-rest/task/" + taskId + "/complete",
                evaluation(qualified)));

        // even with the task's rights (here: the Java API as that user), the rule itself refuses
        identityService.setAuthentication(OUTSIDER, List.of(Groups.EXPERT));
        assertThatThrownBy(() -> taskService.complete(taskId, TransientInput.texts("winningOrganizationCode", qualified,
                "evaluationReport", "综合评分第一"))).isInstanceOf(AuthorizationException.class)
                .message().doesNotContain(qualified);
        identityService.clearAuthentication();

        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        assertThat(tenders.require("ECCOUTSIDE").getWinningOrg()).isNull();
        assertThat(tenders.require("ECCOUTSIDE").getStatus()).isEqualTo(TenderStatus.EVALUATING);
    }

    @Test
    void theBureauAndAdministratorsHoldTheTaskButAreNotTheCommittee() {
        ProcessInstance instance = atEvaluation("ECCBUREAU");
        String taskId = task(instance).getId();
        for (String user : List.of(BUREAU, ADMIN)) {
            Api.Response response = api.as(user).post("/engine-rest/task/" + taskId + "/complete", evaluation(disqualified));
            assertRefusedWithoutDetail(response);
            assertThat(response.body()).contains("评标委员会成员");
        }
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        assertThat(tenders.require("ECCBUREAU").getWinningOrg()).isNull();
    }

    @Test
    void aCommitteeMemberEvaluatesThroughTheRestApiWithTransientValues() {
        ProcessInstance instance = atEvaluation("ECCMEMBER");
        String taskId = task(instance).getId();
        Api.Caller member = api.as(COMMITTEE.get(3));

        // a member learns why a winner is refused
        Api.Response refused = member.post("/engine-rest/task/" + taskId + "/complete", evaluation(disqualified));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("资格审查不合格");

        coverageMayReadTheDefinition(COMMITTEE.get(3));
        Api.Response completed = member.post("/engine-rest/task/" + taskId + "/complete", evaluation(qualified));
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract").variables().containsEntry("winningOrganizationCode", qualified)
                .doesNotContainKey("evaluationReport");
        Tender tender = tenders.require("ECCMEMBER");
        assertThat(tender.getWinningOrg()).isEqualTo(qualified);
        assertThat(tender.getEvaluationReport()).isEqualTo("综合评分第一");
    }
}
