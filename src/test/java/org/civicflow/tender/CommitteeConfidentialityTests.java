package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicflow.tender.TenderFixtures.DEADLINE;
import static org.civicflow.tender.TenderFixtures.ISSUED;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The evaluation committee and its evaluation stay hidden from bidders until the award (招标投标法 第三十七条): the
 * committee's tasks are completed with transient variables, which the listeners record in the tender; afterwards no
 * runtime or historic variable and no historic form field holds them, whichever way they were submitted, and
 * nothing a provider can read before the award — the instance's variables, its history, the bids API, its
 * documents, the OCDS releases — names the committee or the evaluation. After the award the notice carries it.
 */
@CivicFlowTest
class CommitteeConfidentialityTests {

    private static final List<String> COMMITTEE = List.of("cctexp1", "cctexp2", "cctexp3", "cctexp4", "cctexp5");
    private static final String EXPERTS = String.join(",", COMMITTEE);
    private static final String REPRESENTATIVE = "保密街道代表甲";
    private static final String REPORT = "保密评标报告：技术方案第一";
    private static final List<String> NAMES = List.of("committeeExperts", "committeeRepresentatives", "ranking",
            "evaluationReport");

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
    FormService formService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    Authorizations authorizations;
    @Autowired
    TenderService tenders;
    @Autowired
    TenderHistoryAccessUpgrade upgrade;
    @Autowired
    ProcessEngine engine;

    private String winner;
    private String bystander;
    private String bidder;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(ISSUED);
        COMMITTEE.forEach(id -> users.create(id, Groups.EXPERT));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** Two bids opened at the deadline; waiting at the committee's set-up. */
    private ProcessInstance opened(String unit) {
        ProcessInstance instance = suzhou.start(suzhou.tender(unit, ISSUED, DEADLINE));
        winner = suzhou.qualifiedBidder();
        String other = suzhou.qualifiedBidder();
        bidder = suzhou.providerOf(other);
        bystander = suzhou.providerOf(suzhou.qualifiedBidder());
        assertThat(api.as(suzhou.providerOf(winner)).post("/api/tenders/" + unit + "/bids",
                Map.of("organizationCode", winner, "amount", 2_000_000)).status()).isEqualTo(201);
        assertThat(api.as(bidder).post("/api/tenders/" + unit + "/bids",
                Map.of("organizationCode", other, "amount", 2_100_000)).status()).isEqualTo(201);
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee");
        return instance;
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private void award(ProcessInstance instance) {
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract");
    }

    /** No runtime variable, historic variable, variable update or form field of the confidential names or values. */
    private void assertNothingPersisted(ProcessInstance instance) {
        assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys(NAMES.toArray(String[]::new));
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableNameIn(NAMES.toArray(String[]::new)).count()).isZero();
        for (HistoricDetail detail : historyService.createHistoricDetailQuery().processInstanceId(instance.getId()).list()) {
            String name = detail instanceof HistoricFormField field ? field.getFieldId()
                    : ((HistoricVariableUpdate) detail).getVariableName();
            Object value = detail instanceof HistoricFormField field ? field.getFieldValue()
                    : ((HistoricVariableUpdate) detail).getValue();
            assertThat(name).isNotIn(NAMES);
            if (detail instanceof HistoricFormField) {
                assertThat(name).isNotEqualTo("winningOrganizationCode");
            }
            assertThat(String.valueOf(value)).doesNotContain(COMMITTEE.get(0)).doesNotContain(REPRESENTATIVE)
                    .doesNotContain(REPORT);
        }
    }

    /** What a provider — a bidder, or a bystander — can read of the tender before the award. */
    private void assertProvidersSeeNoCommittee(ProcessInstance instance, String unit) {
        for (String provider : List.of(bidder, bystander)) {
            Api.Caller caller = api.as(provider);
            List<Api.Response> reads = new java.util.ArrayList<>(List.of(
                    caller.get("/engine-rest/process-instance/" + instance.getId() + "/variables"),
                    caller.get("/engine-rest/variable-instance?processInstanceIdIn=" + instance.getId()),
                    caller.get("/engine-rest/history/variable-instance?processInstanceId=" + instance.getId()),
                    caller.get("/engine-rest/history/detail?processInstanceId=" + instance.getId()),
                    caller.get("/engine-rest/history/task?processInstanceId=" + instance.getId()),
                    caller.get("/engine-rest/history/activity-instance?processInstanceId=" + instance.getId()),
                    // candidates and assignees of this tender's evaluation (other tenders here are already awarded)
                    caller.get("/engine-rest/history/identity-link-log?taskId=" + task(instance).getId()),
                    caller.get("/engine-rest/history/user-operation?processInstanceId=" + instance.getId()),
                    caller.get("/api/tenders/" + unit + "/bids"),
                    caller.get("/api/ocds/releases"),
                    caller.get("/api/documents?processInstanceId=" + instance.getId())));
            for (JsonNode document : reads.get(reads.size() - 1).json()) {
                reads.add(caller.get(document.path("href").asText()));
            }
            for (Api.Response read : reads) {
                assertThat(read.status()).as(read.body()).isEqualTo(200);
                for (String expert : COMMITTEE) {
                    assertThat(read.body()).as(provider).doesNotContain(expert);
                }
                assertThat(read.body()).as(provider).doesNotContain(REPRESENTATIVE).doesNotContain(REPORT)
                        .doesNotContain("committeeExperts").doesNotContain("evaluationReport");
            }
            // the tender notice stays readable (it is public)
            assertThat(reads.get(reads.size() - 1).body()).contains("招标公告");
        }
    }

    @Test
    void transientInputReachesTheListenersAndLeavesNoVariableOrHistory() {
        ProcessInstance instance = opened("CCTTRANSIENT");
        taskService.complete(task(instance).getId(), TransientInput.texts("committeeExperts", EXPERTS,
                "committeeRepresentatives", REPRESENTATIVE + ",社区代表"));
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        Tender tender = tenders.require("CCTTRANSIENT");
        assertThat(tender.committeeExperts()).containsExactlyElementsOf(COMMITTEE);
        assertThat(tender.getCommittee()).hasSize(7);
        assertNothingPersisted(instance);
        assertProvidersSeeNoCommittee(instance, "CCTTRANSIENT");

        taskService.complete(task(instance).getId(), TransientInput.texts("winningOrganizationCode", winner,
                "evaluationReport", REPORT, "ranking", winner));
        assertThat(tenders.require("CCTTRANSIENT").getEvaluationReport()).isEqualTo(REPORT);
        assertThat(tenders.require("CCTTRANSIENT").getWinningOrg()).isEqualTo(winner);
        award(instance);
        assertNothingPersisted(instance);
        // after the award the winner is public, read from the tender by the award notice
        assertThat(runtimeService.getVariable(instance.getId(), "winningOrganizationCode")).isEqualTo(winner);
    }

    @Test
    void tasklistsSubmitFormWritesNoConfidentialFormFieldHistory() {
        ProcessInstance instance = opened("CCTFORM");
        formService.submitTaskForm(task(instance).getId(), TransientInput.texts("committeeExperts", EXPERTS,
                "committeeRepresentatives", REPRESENTATIVE + ",社区代表"));
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        assertNothingPersisted(instance);
        formService.submitTaskForm(task(instance).getId(), TransientInput.texts("winningOrganizationCode", winner,
                "evaluationReport", REPORT));
        award(instance);
        assertNothingPersisted(instance);
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance.getId()).formFields()
                .list()).extracting(d -> ((HistoricFormField) d).getFieldId()).doesNotContainAnyElementsOf(NAMES);
    }

    @Test
    void inputSentWithoutTheTransientFlagIsNotPersistedEither() {
        ProcessInstance instance = opened("CCTPLAIN");
        taskService.complete(task(instance).getId(), Map.of("committeeExperts", EXPERTS,
                "committeeRepresentatives", REPRESENTATIVE + ",社区代表"));
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        assertNothingPersisted(instance);
        taskService.complete(task(instance).getId(), Map.of("winningOrganizationCode", winner, "evaluationReport", REPORT));
        award(instance);
        assertNothingPersisted(instance);
        assertThat(tenders.require("CCTPLAIN").getEvaluationReport()).isEqualTo(REPORT);
    }

    @Test
    void beforeTheAwardProvidersSeeNeitherTheCommitteeNorTheEvaluationAfterwardTheNoticeCarriesIt() {
        ProcessInstance instance = opened("CCTPROVIDER");
        taskService.complete(task(instance).getId(), TransientInput.texts("committeeExperts", EXPERTS,
                "committeeRepresentatives", REPRESENTATIVE + ",社区代表"));
        // a committee member has claimed the task: its assignee is in the history too
        taskService.claim(task(instance).getId(), COMMITTEE.get(0));
        assertProvidersSeeNoCommittee(instance, "CCTPROVIDER");
        // the control: the committee is kept in the tender record (Task_EvaluateBids is confidential: Camunda's
        // history keeps no person of it, for anyone — system.ConfidentialHistory)
        assertThat(tenders.require("CCTPROVIDER").committeeExperts()).contains(COMMITTEE.get(1));
        users.create("cctbureau", Groups.BUREAU);
        assertThat(api.as("cctbureau").get("/engine-rest/history/identity-link-log?taskId=" + task(instance).getId())
                .json()).isEmpty();

        taskService.complete(task(instance).getId(), TransientInput.texts("winningOrganizationCode", winner,
                "evaluationReport", REPORT));
        award(instance);
        // the award is announced: the bidders may read the tender's history, and the award notice has the report
        assertThat(api.as(bidder).get("/engine-rest/history/process-instance?processInstanceId=" + instance.getId())
                .json()).hasSize(1);
        String awardNotice = api.as(bidder).get("/api/documents/"
                + runtimeService.getVariable(instance.getId(), "awardNoticeDocumentId")).body();
        assertThat(awardNotice).contains(REPORT);
    }

    @Test
    void anUndecidedTendersHistoryIsTakenBackFromProvidersAtStartUp() {
        ProcessInstance instance = opened("CCTUPGRADE");
        // as an earlier version granted it when the tender opened
        authorizations.grantHistoricInstanceRead(Groups.PROVIDER, instance.getId());
        assertThat(api.as(bystander).get("/engine-rest/history/process-instance?processInstanceId=" + instance.getId())
                .json()).hasSize(1);
        upgrade.run(null);
        assertThat(authorizationService.isUserAuthorized(bystander, List.of(Groups.PROVIDER),
                HistoricProcessInstancePermissions.READ, Resources.HISTORIC_PROCESS_INSTANCE, instance.getId())).isFalse();
        assertThat(api.as(bystander).get("/engine-rest/history/process-instance?processInstanceId=" + instance.getId())
                .json()).isEmpty();
        // the running instance (and its public notice) stays readable
        assertThat(api.as(bystander).get("/engine-rest/process-instance/" + instance.getId()).status()).isEqualTo(200);
    }
}
