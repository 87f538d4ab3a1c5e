package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicflow.tender.TenderFixtures.DEADLINE;
import static org.civicflow.tender.TenderFixtures.ISSUED;
import static org.civicflow.tender.TenderFixtures.bidOf;
import static org.civicflow.tender.TenderFixtures.ruleViolations;

import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.documents.DocumentService;
import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowPostgresTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** tenderProcurement on a real PostgreSQL: sealed bids through the API to a signed contract, and a failed tender. */
@CivicFlowPostgresTest
class TenderPostgresTests {

    private static final String BUREAU = "pgtenderbureau";

    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    RegistryService registry;
    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    DocumentService documents;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(ISSUED);
        scenario.experts(5);
        users.create(BUREAU, Groups.BUREAU);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private String task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    }

    @Test
    void sealedBidsLeadToASignedContract() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        ProcessInstance instance = suzhou.start(suzhou.tender("PGTENDEROK", ISSUED, DEADLINE));
        assertThat(instance).isWaitingAt("Timer_BidDeadline").hasBusinessKey("PGTENDEROK");

        String winner = suzhou.qualifiedBidder();
        String other = suzhou.qualifiedBidder();
        assertThat(api.as(suzhou.providerOf(winner)).post("/api/tenders/PGTENDEROK/bids",
                Map.of("organizationCode", winner, "amount", 2_087_654.32)).status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(other)).post("/api/tenders/PGTENDEROK/bids",
                Map.of("organizationCode", other, "amount", 2_150_000)).status()).isEqualTo(201);
        Api.Response sealed = api.as(BUREAU).get("/api/tenders/PGTENDEROK/bids");
        assertThat(sealed.json().path("sealed").asBoolean()).isTrue();
        assertThat(sealed.json().path("bidCount").asInt()).isEqualTo(2);
        assertThat(sealed.body()).doesNotContain("2087654").doesNotContain("2150000");

        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee").variables().containsEntry("qualifiedBidCount", 2);
        JsonNode opened = api.as(BUREAU).get("/api/tenders/PGTENDEROK/bids").json();
        assertThat(bidOf(opened, winner).path("amount").decimalValue()).isEqualByComparingTo("2087654.32");
        assertThat(bidOf(opened, winner).path("qualified").asBoolean()).isTrue();
        assertThat(ruleViolations(bidOf(opened, other))).isEmpty();

        taskService.complete(task(instance), TransientInput.texts("committeeExperts", "expert1,expert2,expert3,expert4",
                "committeeRepresentatives", "街道代表"));
        FangshanScenario.clock("2018-06-12T10:00:00+08:00");
        taskService.complete(task(instance), TransientInput.texts("winningOrganizationCode", winner, "evaluationReport", "综合评分第一"));
        // the award notice follows the evaluation in its own transaction (Task_EvaluateBids is asyncAfter)
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract").variables()
                .containsEntry("signingDeadline", "2018-07-12T10:00+08:00");
        taskService.complete(task(instance), Map.of("contractSigned", true));

        assertThat(instance).isWaitingAt("Task_PerformServiceContract").hasPassed("Task_SendAwardNotice", "Task_RecordContract")
                .variables().containsEntry("tenderStatus", "SIGNED").containsEntry("contractNumber", "HT-PGTENDEROK-1");
        assertThat(jdbc.queryForObject("select status from tender where tender_id = 'PGTENDEROK-1'", String.class))
                .isEqualTo("SIGNED");
        assertThat(jdbc.queryForObject("select winning_org from tender where tender_id = 'PGTENDEROK-1'", String.class))
                .isEqualTo(winner);
        assertThat(jdbc.queryForObject("select count(*) from evaluation_committee_member where tender_id = 'PGTENDEROK-1'",
                Integer.class)).isEqualTo(5);
        assertThat(bidOf(api.as(BUREAU).get("/api/tenders/PGTENDEROK/bids").json(), winner).path("ranking").asInt())
                .isEqualTo(1);
    }

    @Test
    void withoutAQualifiedBidTheTenderFails() {
        ProcessInstance instance = suzhou.start(suzhou.tender("PGTENDERNO", ISSUED, DEADLINE));
        String socialGroup = TenderFixtures.organization(registry, LegalForm.SOCIAL_GROUP, "社区服务");
        String badRecord = suzhou.qualifiedBidder();
        registry.addCreditRecord(badRecord, CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.of(2017, 9, 1),
                "超过30日未组建服务团队，合同解除");
        assertThat(api.as(suzhou.providerOf(socialGroup)).post("/api/tenders/PGTENDERNO/bids",
                Map.of("organizationCode", socialGroup, "amount", 1_500_000)).status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(badRecord)).post("/api/tenders/PGTENDERNO/bids",
                Map.of("organizationCode", badRecord, "amount", 1_600_000)).status()).isEqualTo(201);

        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        assertThat(instance).isEnded()
                .hasPassedInOrder("Task_OpenBids", "Task_SendTenderFailedNotice", "EndEvent_TenderFailed")
                .variables().containsEntry("qualifiedBidCount", 0).containsEntry("tenderStatus", "FAILED");

        JsonNode view = api.as(BUREAU).get("/api/tenders/PGTENDERNO/bids").json();
        assertThat(ruleViolations(bidOf(view, socialGroup))).containsExactly("SZ-01", "SZ-02", "SZ-03");
        assertThat(ruleViolations(bidOf(view, badRecord))).containsExactly("SZ-04");
        String documentId = (String) historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName("tenderFailedNoticeDocumentId").singleResult().getValue();
        assertThat(documents.find(documentId).orElseThrow().getHtml()).contains("SZ-01").contains("SZ-04");
        assertThat(jdbc.queryForObject("select status from tender where tender_id = 'PGTENDERNO-1'", String.class))
                .isEqualTo("FAILED");
    }
}
