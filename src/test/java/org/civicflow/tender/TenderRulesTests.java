package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicflow.tender.TenderFixtures.DEADLINE;
import static org.civicflow.tender.TenderFixtures.ISSUED;
import static org.civicflow.tender.TenderFixtures.bidOf;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.documents.DocumentService;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.civicflow.system.Groups;
import org.civicflow.system.ShanghaiTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tender's own rules: LAW-02 (≥20 days to bid), SZ-12 (≥4 communities), LAW-03 (committee), the award
 * (a qualified bidder only), LAW-01 (signing within 30 days of the award notice), LAW-05 (next-ranked bidder
 * or re-tender), and re-tendering a unit after a failed tender.
 */
@CivicFlowTest
class TenderRulesTests {

    private static final String BUREAU = "trbureau";

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
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;
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
        scenario.experts(7);
        users.create(BUREAU, Groups.BUREAU);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---- helpers

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private int tenderRows(String unit) {
        return jdbc.queryForObject("select count(*) from tender where unit_code = ?", Integer.class, unit);
    }

    private String tenderColumn(String column, String unit) {
        return jdbc.queryForObject("select " + column + " from tender where unit_code = ? order by created_at desc, tender_id desc"
                + " fetch first 1 rows only", String.class, unit);
    }

    private int committeeRows(String unit) {
        return jdbc.queryForObject("select count(*) from evaluation_committee_member m join tender t"
                + " on t.tender_id = m.tender_id where t.unit_code = ?", Integer.class, unit);
    }

    private void bid(String unit, String code, long amount) {
        Api.Response response = api.as(suzhou.providerOf(code)).post("/api/tenders/" + unit + "/bids",
                Map.of("organizationCode", code, "amount", amount));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** A valid tender with the given bids (code → amount), opened at the deadline. */
    private ProcessInstance opened(String unit, Map<String, Long> bids) {
        ProcessInstance instance = suzhou.start(suzhou.tender(unit, ISSUED, DEADLINE));
        assertThat(instance).isWaitingAt("Timer_BidDeadline");
        bids.forEach((code, amount) -> bid(unit, code, amount));
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        return instance;
    }

    private ProcessInstance atCommittee(String unit) {
        ProcessInstance instance = opened(unit, Map.of(suzhou.qualifiedBidder(), 2_000_000L));
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee");
        return instance;
    }

    private void committee(ProcessInstance instance) {
        taskService.complete(task(instance).getId(), TransientInput.texts("committeeExperts",
                "expert1,expert2,expert3,expert4,expert5"));
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
    }

    private void evaluate(ProcessInstance instance, String winner, String ranking) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("winningOrganizationCode", winner);
        variables.put("evaluationReport", "综合评分排名第一");
        if (ranking != null) {
            variables.put("ranking", ranking);
        }
        taskService.complete(task(instance).getId(), TransientInput.texts(variables));
        // the award notice follows the evaluation in its own transaction (Task_EvaluateBids is asyncAfter)
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract");
    }

    private void assertCommitteeRefused(ProcessInstance instance, String experts, String representatives) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("committeeExperts", experts);
        if (representatives != null) {
            variables.put("committeeRepresentatives", representatives);
        }
        String taskId = task(instance).getId();
        assertThatThrownBy(() -> taskService.complete(taskId, TransientInput.texts(variables)))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("LAW-03");
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee");
        assertThat(task(instance).getId()).isEqualTo(taskId);
    }

    private void assertCommitteeAccepted(ProcessInstance instance, String unit, String experts, String representatives,
                                         int members) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("committeeExperts", experts);
        if (representatives != null) {
            variables.put("committeeRepresentatives", representatives);
        }
        taskService.complete(task(instance).getId(), TransientInput.texts(variables));
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        assertThat(committeeRows(unit)).isEqualTo(members);
    }

    private String winningOrgOf(String unit) {
        return tenderColumn("winning_org", unit);
    }

    // ---- LAW-02: at least 20 days from the tender documents to the bid deadline

    @Test
    void law02_nineteenDaysIsRefused() {
        ProcessInstance instance = suzhou.start(suzhou.tender("TRLAW02A", ISSUED, "2018-06-08T09:00:00+08:00"));
        assertThat(instance).isEnded()
                .hasPassedInOrder("Task_OpenTender", "Task_SendTenderFailedNotice", "EndEvent_TenderFailed")
                .hasNotPassed("Task_PublishTenderNotice", "Timer_BidDeadline")
                .variables().containsEntry("ruleViolations", "LAW-02").containsEntry("tenderValid", false);
        assertThat(tenderColumn("status", "TRLAW02A")).isEqualTo("FAILED");

        // a failed tender takes no bids
        String code = suzhou.qualifiedBidder();
        assertThat(api.as(suzhou.providerOf(code)).post("/api/tenders/TRLAW02A/bids",
                Map.of("organizationCode", code, "amount", 1_000_000)).status()).isEqualTo(403);
    }

    @Test
    void law02_oneMinuteShortOfTwentyDaysIsRefused() {
        ProcessInstance instance = suzhou.start(suzhou.tender("TRLAW02B", ISSUED, "2018-06-09T08:59:00+08:00"));
        assertThat(instance).isEnded().hasPassed("EndEvent_TenderFailed").variables()
                .containsEntry("ruleViolations", "LAW-02");
    }

    @Test
    void law02_twentyDaysIsAccepted() {
        ProcessInstance instance = suzhou.start(suzhou.tender("TRLAW02C", ISSUED, "2018-06-09T09:00:00+08:00"));
        assertThat(instance).isWaitingAt("Timer_BidDeadline").variables().containsEntry("ruleViolations", "")
                .containsEntry("tenderValid", true);
        Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(at("2018-06-09T09:00:00+08:00")));
        assertThat(tenderColumn("status", "TRLAW02C")).isEqualTo("OPEN");
    }

    @Test
    void law02_withoutTenderIssuedAtThePeriodCountsFromNow() {
        Map<String, Object> variables = suzhou.tender("TRLAW02D", ISSUED, "2018-06-08T09:00:00+08:00");
        variables.remove("tenderIssuedAt");
        assertThat(suzhou.start(variables)).isEnded().variables().containsEntry("ruleViolations", "LAW-02");
    }

    // ---- SZ-12: a street's project covers at least 4 communities

    @Test
    void sz12_threeCommunitiesIsRefused() {
        Map<String, Object> variables = suzhou.tender("TRSZ12A", ISSUED, DEADLINE);
        variables.put("communities", "南环新村,竹辉,友新");
        assertThat(suzhou.start(variables)).isEnded()
                .hasPassed("Task_SendTenderFailedNotice", "EndEvent_TenderFailed")
                .variables().containsEntry("ruleViolations", "SZ-12");
    }

    @Test
    void sz12_fourCommunitiesIsAccepted() {
        Map<String, Object> variables = suzhou.tender("TRSZ12B", ISSUED, DEADLINE);
        variables.put("communities", "南环新村、竹辉、友新、桂花");
        assertThat(suzhou.start(variables)).isWaitingAt("Timer_BidDeadline").variables()
                .containsEntry("ruleViolations", "");
    }

    @Test
    void sz12_aCommunityNamedTwiceCountsOnce() {
        Map<String, Object> variables = suzhou.tender("TRSZ12C", ISSUED, DEADLINE);
        variables.put("communities", "南环新村,竹辉,友新,竹辉");
        assertThat(suzhou.start(variables)).isEnded().variables().containsEntry("ruleViolations", "SZ-12");
    }

    @Test
    void law02AndSz12TogetherAreBothNamed() {
        Map<String, Object> variables = suzhou.tender("TRBOTH", ISSUED, "2018-06-01T09:00:00+08:00");
        variables.put("communities", "南环新村");
        ProcessInstance instance = suzhou.start(variables);
        assertThat(instance).isEnded().hasPassed("EndEvent_TenderFailed").variables()
                .containsEntry("ruleViolations", "LAW-02,SZ-12");
        String documentId = (String) historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName("tenderFailedNoticeDocumentId").singleResult().getValue();
        assertThat(documents.find(documentId).orElseThrow().getHtml()).contains("LAW-02").contains("SZ-12");
    }

    @Test
    void sz12_doesNotApplyToAnEvaluatorTender() {
        Map<String, Object> variables = suzhou.tender("TREVAL", ISSUED, DEADLINE);
        variables.put("tenderKind", "EVALUATOR");
        variables.put("communities", "");
        assertThat(suzhou.start(variables)).isWaitingAt("Timer_BidDeadline").variables()
                .containsEntry("ruleViolations", "").containsEntry("tenderKind", "EVALUATOR");
    }

    @Test
    void law02_appliesToAnEvaluatorTenderToo() {
        Map<String, Object> variables = suzhou.tender("TREVAL02", ISSUED, "2018-06-01T09:00:00+08:00");
        variables.put("tenderKind", "EVALUATOR");
        variables.put("communities", "");
        assertThat(suzhou.start(variables)).isEnded().variables().containsEntry("ruleViolations", "LAW-02");
    }

    // ---- malformed starts: refused naming each field, nothing written

    @Test
    void aMalformedStartIsRefusedNamingTheFieldsAndNothingIsWritten() {
        long instancesBefore = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("tenderProcurement")
                .count();
        Map<String, Object> variables = suzhou.tender("TRBAD", ISSUED, "2018-13-45T09:00");
        variables.remove("unitName");
        variables.put("tenderKind", "STREET");
        assertThatThrownBy(() -> suzhou.start(variables)).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("unitName").hasMessageContaining("bidDeadline").hasMessageContaining("tenderKind");
        assertThat(tenderRows("TRBAD")).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("tenderProcurement").count())
                .isEqualTo(instancesBefore);
    }

    @Test
    void aStartWithoutBidDeadlineIsRefused() {
        Map<String, Object> variables = suzhou.tender("TRNODL", ISSUED, DEADLINE);
        variables.remove("bidDeadline");
        assertThatThrownBy(() -> suzhou.start(variables)).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("bidDeadline");
        assertThat(tenderRows("TRNODL")).isZero();
    }

    @Test
    void aUnitWithATenderUnderWayCannotBeTenderedAgain() {
        suzhou.start(suzhou.tender("TRBUSY", ISSUED, DEADLINE));
        assertThatThrownBy(() -> suzhou.start(suzhou.tender("TRBUSY", ISSUED, DEADLINE)))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("unitCode");
        assertThat(tenderRows("TRBUSY")).isEqualTo(1);
    }

    // ---- LAW-03: ≥5 members, odd, ≥2/3 experts from the expert pool

    @Test
    void law03_fourMembersIsRefused() {
        ProcessInstance instance = atCommittee("TRL03FOUR");
        assertCommitteeRefused(instance, "expert1,expert2,expert3,expert4", null);
        assertThat(committeeRows("TRL03FOUR")).isZero();
    }

    @Test
    void law03_sixMembersIsRefused() {
        ProcessInstance instance = atCommittee("TRL03SIX");
        assertCommitteeRefused(instance, "expert1,expert2,expert3,expert4,expert5,expert6", null);
        assertCommitteeRefused(instance, "expert1,expert2,expert3,expert4,expert5", "街道代表");
        assertThat(committeeRows("TRL03SIX")).isZero();
    }

    @Test
    void law03_expertsUnderTwoThirdsIsRefused() {
        ProcessInstance instance = atCommittee("TRL03TWO3");
        assertCommitteeRefused(instance, "expert1,expert2,expert3", "街道代表,社区代表");
        assertCommitteeRefused(instance, "expert1,expert2,expert3,expert4", "街道代表,社区代表,区民政局代表");
        assertThat(committeeRows("TRL03TWO3")).isZero();
    }

    @Test
    void law03_nonExpertUserIsRefused() {
        ProcessInstance instance = atCommittee("TRL03NONEX");
        assertCommitteeRefused(instance, "expert1,expert2,expert3,expert4," + BUREAU, null);
        assertCommitteeRefused(instance, "expert1,expert2,expert3,expert4,nosuchuser", null);
        assertCommitteeRefused(instance, "expert1,expert2,expert3,expert4,expert1", null);
        assertThat(committeeRows("TRL03NONEX")).isZero();
    }

    @Test
    void law03_fiveExpertsIsAccepted() {
        assertCommitteeAccepted(atCommittee("TRL03FIVE"), "TRL03FIVE", "expert1,expert2,expert3,expert4,expert5", null, 5);
    }

    @Test
    void law03_fourExpertsAndOneRepresentativeIsAccepted() {
        // 4/5 ≥ 2/3
        assertCommitteeAccepted(atCommittee("TRL03FOUR1"), "TRL03FOUR1", "expert1,expert2,expert3,expert4", "街道代表", 5);
        assertThat(jdbc.queryForObject("select count(*) from evaluation_committee_member m join tender t"
                + " on t.tender_id = m.tender_id where t.unit_code = 'TRL03FOUR1' and m.expert", Integer.class)).isEqualTo(4);
    }

    @Test
    void law03_fiveExpertsAndTwoRepresentativesIsAccepted() {
        // 5/7 ≥ 2/3
        assertCommitteeAccepted(atCommittee("TRL03SEVEN"), "TRL03SEVEN", "expert1,expert2,expert3,expert4,expert5",
                "街道代表,社区代表", 7);
    }

    // ---- the award: only a qualified bidder of this tender

    @Test
    void awardingADisqualifiedBidderIsRefusedAndTheTaskStaysOpen() {
        String qualified = suzhou.qualifiedBidder();
        String disqualified = TenderFixtures.organization(registry, LegalForm.SOCIAL_GROUP, "社会工作服务");
        TenderFixtures.employees(registry, disqualified, 9, 5);
        Map<String, Long> bids = new LinkedHashMap<>();
        bids.put(qualified, 2_000_000L);
        bids.put(disqualified, 1_500_000L);
        ProcessInstance instance = opened("TRAWDQ", bids);
        committee(instance);
        String taskId = task(instance).getId();

        assertThatThrownBy(() -> taskService.complete(taskId, TransientInput.texts("winningOrganizationCode", disqualified,
                "evaluationReport", "价格最低"))).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("winningOrganizationCode").hasMessageContaining(disqualified)
                .hasMessageContaining("资格审查不合格").hasMessageContaining("SZ-01");
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        assertThat(task(instance).getId()).isEqualTo(taskId);
        assertThat(winningOrgOf("TRAWDQ")).isNull();

        // a disqualified bidder cannot be ranked either
        assertThatThrownBy(() -> taskService.complete(taskId, TransientInput.texts("winningOrganizationCode", qualified,
                "evaluationReport", "综合评分第一", "ranking", qualified + "," + disqualified)))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("ranking");
        assertThat(instance).isWaitingAt("Task_EvaluateBids");

        evaluate(instance, qualified, null);
        assertThat(winningOrgOf("TRAWDQ")).isEqualTo(qualified);
    }

    @Test
    void awardingAnOrganizationThatDidNotBidIsRefusedAndTheTaskStaysOpen() {
        String bidder = suzhou.qualifiedBidder();
        String outsider = suzhou.qualifiedBidder();
        ProcessInstance instance = opened("TRAWOUT", Map.of(bidder, 2_000_000L));
        committee(instance);
        String taskId = task(instance).getId();

        assertThatThrownBy(() -> taskService.complete(taskId, TransientInput.texts("winningOrganizationCode", outsider,
                "evaluationReport", "综合评分第一"))).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("winningOrganizationCode").hasMessageContaining(outsider)
                .hasMessageContaining("未参加本次投标");
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
        assertThat(task(instance).getId()).isEqualTo(taskId);

        assertThatThrownBy(() -> taskService.complete(taskId, TransientInput.texts("evaluationReport", "缺少中标人")))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("winningOrganizationCode");
        assertThat(instance).isWaitingAt("Task_EvaluateBids");
    }

    // ---- LAW-01: sign within 30 days of the award notice

    @Test
    void law01_signingDeadlineIs30DaysAfterTheAwardNotice() {
        String winner = suzhou.qualifiedBidder();
        String second = suzhou.qualifiedBidder();
        ProcessInstance instance = opened("TRLAW01", Map.of(winner, 2_000_000L, second, 2_100_000L));
        committee(instance);
        Instant award = at("2018-06-12T10:30:00+08:00");
        FangshanScenario.clock(award);
        evaluate(instance, winner, null);
        Instant due = award.plus(Duration.ofDays(30));

        Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
                .activityId("Timer_SigningDeadline").singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(due));
        assertThat(task(instance).getDueDate()).isEqualTo(Date.from(due));
        assertThat(instance).variables().containsEntry("awardNoticeAt", "2018-06-12T10:30+08:00")
                .containsEntry("signingDeadline", "2018-07-12T10:30+08:00");
        String notice = (String) runtimeService.getVariable(instance.getId(), "awardNoticeDocumentId");
        assertThat(documents.find(notice).orElseThrow().getHtml()).contains("LAW-01").contains(winner)
                .contains("2018年7月12日 10:30");

        // not a minute early
        FangshanScenario.clock(due.minus(Duration.ofMinutes(1)));
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract");

        FangshanScenario.clock(due.plus(Duration.ofMinutes(1)));
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_DecideNextStep").hasPassed("Timer_SigningDeadline");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Task_SignContract").canceled().count()).isEqualTo(1);
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_DecideNextStep")
                .taskCandidateGroup(Groups.BUREAU).count()).isEqualTo(1);

        // the bureau offers the contract to the next-ranked bidder, who gets 30 days from the new notice
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", true));
        assertThat(instance).isWaitingAt("Task_SignContract").variables().containsEntry("winningOrganizationCode", second)
                .containsEntry("signingDeadline", ShanghaiTime.iso(due.plus(Duration.ofMinutes(1)).plus(Duration.ofDays(30))));
    }

    // ---- LAW-05: the next-ranked qualified bidder, or a new tender

    @Test
    void law05_nextRankedBidderIsOfferedWhenTheWinnerDoesNotSign() {
        String first = suzhou.qualifiedBidder();
        String cheapest = suzhou.qualifiedBidder();
        String secondRanked = suzhou.qualifiedBidder();
        Map<String, Long> bids = new LinkedHashMap<>();
        bids.put(first, 2_000_000L);
        bids.put(cheapest, 1_900_000L);
        bids.put(secondRanked, 2_100_000L);
        ProcessInstance instance = opened("TRLAW05A", bids);
        committee(instance);
        evaluate(instance, first, first + "," + secondRanked + "," + cheapest);
        String firstNotice = (String) runtimeService.getVariable(instance.getId(), "awardNoticeDocumentId");

        taskService.complete(task(instance).getId(), Map.of("contractSigned", false));
        assertThat(instance).isWaitingAt("Task_DecideNextStep");
        FangshanScenario.clock("2018-06-20T09:00:00+08:00");
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", true));

        // the committee's ranking decides, not the lowest amount
        assertThat(instance).isWaitingAt("Task_SignContract").variables()
                .containsEntry("nextRankedAvailable", true).containsEntry("winningOrganizationCode", secondRanked)
                .containsEntry("signingDeadline", "2018-07-20T09:00+08:00");
        String secondNotice = (String) runtimeService.getVariable(instance.getId(), "awardNoticeDocumentId");
        assertThat(secondNotice).isNotEqualTo(firstNotice);
        assertThat(documents.find(secondNotice).orElseThrow().getHtml()).contains(secondRanked).doesNotContain(first);
        assertThat(winningOrgOf("TRLAW05A")).isEqualTo(secondRanked);

        taskService.complete(task(instance).getId(), Map.of("contractSigned", true));
        assertThat(instance).isWaitingAt("Task_PerformServiceContract").hasPassed("Task_OfferNextRanked", "Task_RecordContract")
                .hasNotPassed("EndEvent_TenderFailed");
        assertThat(tenderColumn("status", "TRLAW05A")).isEqualTo("SIGNED");
        assertThat(winningOrgOf("TRLAW05A")).isEqualTo(secondRanked);

        JsonNode view = api.as(BUREAU).get("/api/tenders/TRLAW05A/bids").json();
        assertThat(bidOf(view, first).path("ranking").asInt()).isEqualTo(1);
        assertThat(bidOf(view, secondRanked).path("ranking").asInt()).isEqualTo(2);
        assertThat(bidOf(view, cheapest).path("ranking").asInt()).isEqualTo(3);
    }

    @Test
    void law05_withoutACommitteeRankingTheNextIsTheLowestQualifiedAmount() {
        String winner = suzhou.qualifiedBidder();
        String dearer = suzhou.qualifiedBidder();
        String cheaper = suzhou.qualifiedBidder();
        String unqualified = TenderFixtures.organization(registry, LegalForm.FOUNDATION, "社会工作服务");
        Map<String, Long> bids = new LinkedHashMap<>();
        bids.put(winner, 2_150_000L);
        bids.put(dearer, 2_000_000L);
        bids.put(cheaper, 1_900_000L);
        bids.put(unqualified, 1_000_000L);
        ProcessInstance instance = opened("TRLAW05B", bids);
        committee(instance);
        evaluate(instance, winner, null);

        taskService.complete(task(instance).getId(), Map.of("contractSigned", false));
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", true));
        assertThat(instance).isWaitingAt("Task_SignContract").variables().containsEntry("winningOrganizationCode", cheaper);

        taskService.complete(task(instance).getId(), Map.of("contractSigned", false));
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", true));
        assertThat(instance).isWaitingAt("Task_SignContract").variables().containsEntry("winningOrganizationCode", dearer);

        // the unqualified bidder, though cheapest, is never offered the contract
        taskService.complete(task(instance).getId(), Map.of("contractSigned", false));
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", true));
        assertThat(instance).isEnded().hasPassed("EndEvent_TenderFailed").variables()
                .containsEntry("nextRankedAvailable", false);
        assertThat(bidOf(api.as(BUREAU).get("/api/tenders/TRLAW05B/bids").json(), unqualified).path("ranking").isNull())
                .isTrue();
    }

    @Test
    void law05_noNextRankedEndsTheTender() {
        String winner = suzhou.qualifiedBidder();
        String unqualified = TenderFixtures.organization(registry, LegalForm.SOCIAL_GROUP, "社区服务");
        Map<String, Long> bids = new LinkedHashMap<>();
        bids.put(winner, 2_000_000L);
        bids.put(unqualified, 1_500_000L);
        ProcessInstance instance = opened("TRLAW05C", bids);
        assertThat(instance).variables().containsEntry("qualifiedBidCount", 1);
        committee(instance);
        evaluate(instance, winner, null);

        taskService.complete(task(instance).getId(), Map.of("contractSigned", false));
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", true));
        assertThat(instance).isEnded()
                .hasPassedInOrder("Task_OfferNextRanked", "Task_SendTenderFailedNotice", "EndEvent_TenderFailed")
                .hasNotPassed("Task_RecordContract")
                .variables().containsEntry("nextRankedAvailable", false).containsEntry("tenderStatus", "FAILED");
        assertThat(tenderColumn("status", "TRLAW05C")).isEqualTo("FAILED");
    }

    @Test
    void law05_bureauMayRetender() {
        String winner = suzhou.qualifiedBidder();
        String other = suzhou.qualifiedBidder();
        ProcessInstance instance = opened("TRLAW05D", Map.of(winner, 2_000_000L, other, 2_050_000L));
        committee(instance);
        evaluate(instance, winner, null);

        taskService.complete(task(instance).getId(), Map.of("contractSigned", false));
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", false));
        assertThat(instance).isEnded().hasPassed("Task_SendTenderFailedNotice", "EndEvent_TenderFailed")
                .hasNotPassed("Task_OfferNextRanked", "Task_RecordContract");
        assertThat(tenderColumn("status", "TRLAW05D")).isEqualTo("FAILED");
    }

    // ---- re-tendering

    @Test
    void afterAFailedTenderTheUnitCanBeTenderedAgainAndBidsGoToTheNewTender() {
        String unqualified = TenderFixtures.organization(registry, LegalForm.SOCIAL_GROUP, "社区服务");
        String qualified = suzhou.qualifiedBidder();
        ProcessInstance first = opened("TRRETENDER", Map.of(unqualified, 1_500_000L));
        assertThat(first).isEnded().hasPassed("EndEvent_TenderFailed");

        FangshanScenario.clock("2018-06-11T09:00:00+08:00");
        ProcessInstance second = suzhou.start(suzhou.tender("TRRETENDER", "2018-06-11T09:00:00+08:00",
                "2018-07-02T09:00:00+08:00"));
        assertThat(second).isWaitingAt("Timer_BidDeadline").hasBusinessKey("TRRETENDER")
                .variables().containsEntry("tenderId", "TRRETENDER-2");
        assertThat(tenderRows("TRRETENDER")).isEqualTo(2);

        JsonNode sealed = api.as(BUREAU).get("/api/tenders/TRRETENDER/bids").json();
        assertThat(sealed.path("tenderId").asText()).isEqualTo("TRRETENDER-2");
        assertThat(sealed.path("sealed").asBoolean()).isTrue();
        assertThat(sealed.path("bidCount").asInt()).isZero();

        // the organization that bid before may bid again; so may a new one
        Api.Response again = api.as(suzhou.providerOf(unqualified)).post("/api/tenders/TRRETENDER/bids",
                Map.of("organizationCode", unqualified, "amount", 1_400_000));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("tenderId").asText()).isEqualTo("TRRETENDER-2");
        bid("TRRETENDER", qualified, 2_000_000L);
        assertThat(api.as(BUREAU).get("/api/tenders/TRRETENDER/bids").json().path("bidCount").asInt()).isEqualTo(2);

        FangshanScenario.clock("2018-07-02T09:00:00+08:00");
        scenario.executeJobs(second.getId());
        assertThat(second).isWaitingAt("Task_SetUpEvaluationCommittee").variables().containsEntry("bidCount", 2)
                .containsEntry("qualifiedBidCount", 1);
        assertThat(jdbc.queryForObject("select count(*) from tender_bid where tender_id = 'TRRETENDER-1'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aTenderRefusedAtTheStartCanBeCorrectedAndStartedAgain() {
        suzhou.start(suzhou.tender("TRFIXED", ISSUED, "2018-06-01T09:00:00+08:00"));
        FangshanScenario.clock(at(ISSUED).plus(Duration.ofMinutes(5)));
        ProcessInstance fixed = suzhou.start(suzhou.tender("TRFIXED", ISSUED, DEADLINE));
        assertThat(fixed).isWaitingAt("Timer_BidDeadline").variables().containsEntry("tenderId", "TRFIXED-2");
        String code = suzhou.qualifiedBidder();
        bid("TRFIXED", code, 2_000_000L);
        assertThat(api.as(BUREAU).get("/api/tenders/TRFIXED/bids").json().path("tenderId").asText())
                .isEqualTo("TRFIXED-2");
    }

    @Test
    void aTenderRefusedAtTheStartCanBeCorrectedAtTheSameInstant() {
        // the engine clock does not move between the refused and the corrected start
        suzhou.start(suzhou.tender("TRSAMEINST", ISSUED, "2018-06-01T09:00:00+08:00"));
        ProcessInstance fixed = suzhou.start(suzhou.tender("TRSAMEINST", ISSUED, DEADLINE));
        assertThat(fixed).isWaitingAt("Timer_BidDeadline").variables().containsEntry("tenderId", "TRSAMEINST-2");
        String code = suzhou.qualifiedBidder();
        Api.Response response = api.as(suzhou.providerOf(code)).post("/api/tenders/TRSAMEINST/bids",
                Map.of("organizationCode", code, "amount", 2_000_000));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("tenderId").asText()).isEqualTo("TRSAMEINST-2");
        assertThat(api.as(BUREAU).get("/api/tenders/TRSAMEINST/bids").json().path("tenderId").asText())
                .isEqualTo("TRSAMEINST-2");
    }

    @Test
    void law05_aRetenderNoticeDoesNotClaimThereWasNoNextRankedBidder() {
        String winner = suzhou.qualifiedBidder();
        String other = suzhou.qualifiedBidder();
        ProcessInstance instance = opened("TRLAW05E", Map.of(winner, 2_000_000L, other, 2_050_000L));
        committee(instance);
        evaluate(instance, winner, null);
        taskService.complete(task(instance).getId(), Map.of("contractSigned", false));
        taskService.complete(task(instance).getId(), Map.of("offerNextRanked", false));
        assertThat(instance).isEnded().hasPassed("EndEvent_TenderFailed");

        String documentId = (String) historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName("tenderFailedNoticeDocumentId").singleResult().getValue();
        // "other" was a qualified next-ranked bidder: the bureau chose to re-tender (LAW-05 "may")
        assertThat(documents.find(documentId).orElseThrow().getHtml()).doesNotContain("无排名下一位");
    }

    /** SPEC §4: Task_SignContract is the bureau's (and only the bureau's). */
    @Test
    void signingAndTheNextStepAreTheBureausTasks() {
        String winner = suzhou.qualifiedBidder();
        ProcessInstance instance = opened("TRGROUPS", Map.of(winner, 2_000_000L));
        committee(instance);
        evaluate(instance, winner, null);
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_SignContract")
                .taskCandidateGroup(Groups.BUREAU).count()).isEqualTo(1);
        List<String> groups = taskService.getIdentityLinksForTask(task(instance).getId()).stream()
                .map(l -> l.getGroupId()).filter(g -> g != null).toList();
        assertThat(groups).containsExactly(Groups.BUREAU);
    }
}
