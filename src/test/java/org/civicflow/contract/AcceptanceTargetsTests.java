package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.contract.ServiceContract.Shortfall;
import org.civicflow.documents.DocumentService;
import org.civicflow.registry.OrganizationView;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.system.FieldViolation;
import org.civicflow.system.ProcessInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Final acceptance against the targets, through the process: 苏州 units (SZ-08, SZ-10, SZ-11, SZ-12) report eight
 * quarters with {@link ContractScenario#goodQuarter()} changed in one respect; 房山 projects (FS-11) report three
 * periods (2020-04-15…06-30, 07-01…09-30, 10-01…12-10) and are judged on completion date, beneficiaries and the
 * catalog item's indicators.
 */
@CivicFlowTest
class AcceptanceTargetsTests {

    @Autowired
    ContractScenario scenario;
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    ContractService contracts;
    @Autowired
    RegistryService registry;
    @Autowired
    DocumentService documents;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---- helpers

    private static Map<String, Object> quarter(UnaryOperator<Map<String, Object>> change) {
        return change.apply(ContractScenario.goodQuarter());
    }

    /** The community lines of goodQuarter() with {@code from} replaced by {@code to} (in every line or one). */
    private static String communityLines(String onlyCommunity, String from, String to) {
        return ContractScenario.COMMUNITIES.stream().map(c -> {
            String line = c + "：需求档案 40，困境家庭档案 30，资源图 是，调研 1，志愿者队伍 2，志愿者 55，环境治理 1，公益平台 1，社区公益金 0，关系网络 1";
            return onlyCommunity == null || onlyCommunity.equals(c) ? line.replace(from, to) : line;
        }).collect(Collectors.joining("\n"));
    }

    private ProcessInstance pilot(Map<String, Object> figures) {
        ProcessInstance instance = scenario.pilotUntilAcceptance(scenario.pilotOrganization(), figures);
        assertThat(instance).isWaitingAt("Task_ReviewFinalAcceptance").hasPassed("Task_CheckAcceptanceTargets");
        return instance;
    }

    private Object variable(ProcessInstance instance, String name) {
        return runtimeService.getVariable(instance.getId(), name);
    }

    private Object historicVariable(ProcessInstance instance, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).singleResult().getValue();
    }

    private static Map<String, Object> review(boolean passed, int score) {
        return new HashMap<>(Map.of("acceptancePassed", passed, "finalScore", score, "acceptanceComment",
                passed ? "各项指标均已达成" : "存在未达标事项"));
    }

    /** Missed targets: the shortfall rule ids and text as the evaluator sees them, nothing else missed. */
    private void assertShortfalls(ProcessInstance instance, String ruleIds, String... facts) {
        assertThat(variable(instance, "completionShortfalls")).isEqualTo(ruleIds);
        String text = (String) variable(instance, "completionShortfallText");
        assertThat(text).contains(facts);
        List<String> expected = List.of(ruleIds.split(","));
        assertThat(text.lines()).allSatisfy(line -> assertThat(expected).contains(line.substring(0, line.indexOf('：'))));
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getShortfalls()).extracting(Shortfall::ruleId).allMatch(expected::contains);
        assertThat(contract.getTargetsMet()).isEqualTo(contract.getTargetsChecked() - contract.getShortfalls().size());
    }

    /** The evaluator cannot pass a unit with a shortfall: refused naming acceptancePassed, the task stays. */
    private void assertCannotPass(ProcessInstance instance, String ruleIds) {
        String taskId = scenario.task(instance, "Task_ReviewFinalAcceptance").getId();
        assertThatThrownBy(() -> scenario.complete(instance, "Task_ReviewFinalAcceptance", review(true, 90)))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class)
                .hasMessageContaining(ruleIds.replace(",", "、"))
                .satisfies(e -> assertThat(((ProcessInput.InvalidProcessInputException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("acceptancePassed"));
        assertThat(scenario.task(instance, "Task_ReviewFinalAcceptance").getId()).isEqualTo(taskId);
        assertThat(contracts.contract(instance.getBusinessKey()).getStatus()).isEqualTo(ContractStatus.ACTIVE);
    }

    // ---- the pass side

    @Test
    void sz10_sz11_sz12_sz08_allTargetsMetAtTheirLimitsLeaveNoShortfall() {
        // case share exactly 50% (40 of 80), street list 60% (48 of 80), street meetings exactly 24 in 24 months
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("caseServed", 5);
            q.put("servedFromStreetList", 6);
            return q;
        }));

        assertThat(variable(instance, "completionShortfalls")).isEqualTo("");
        assertThat(variable(instance, "completionShortfallText")).isEqualTo("");
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getShortfalls()).isEmpty();
        assertThat(contract.getTargetsChecked()).isEqualTo(contract.getTargetsMet()).isEqualTo(91);
        assertThat((String) variable(instance, "targetSummary")).contains("✓ SZ-10 个案或个案管理40人，占服务人数50%")
                .doesNotContain("✗");
    }

    // ---- SZ-10

    @Test
    void sz10_caseShareOf40PercentIsAShortfall() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("caseServed", 4);
            return q;
        }));
        assertShortfalls(instance, "SZ-10", "SZ-10：个案或个案管理32人，占服务人数40%，要求不低于50%");
        assertCannotPass(instance, "SZ-10");
    }

    @Test
    void sz10_onlyOnePopulationCategoryIsAShortfall() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("populationCategories", "困境老年人");
            return q;
        }));
        assertShortfalls(instance, "SZ-10", "SZ-10：服务困境人群1类（困境老年人），要求不少于2类");
        assertCannotPass(instance, "SZ-10");
    }

    // ---- SZ-11

    @Test
    void sz11_fewerThan150HouseholdFilesInACommunityYearIsAShortfallNamingTheCommunity() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("communityFigures", communityLines("竹辉", "需求档案 40", "需求档案 37"));
            return q;
        }));
        assertShortfalls(instance, "SZ-11", "SZ-11：竹辉第1合同年度居民家庭需求档案148份，要求不少于150份",
                "SZ-11：竹辉第2合同年度居民家庭需求档案148份，要求不少于150份");
        assertThat(contracts.contract(instance.getBusinessKey()).getShortfalls()).hasSize(2);
        assertCannotPass(instance, "SZ-11");
    }

    @Test
    void sz11_hardshipShareBelow70PercentIsAShortfallAndFailingItEndsInFailedAcceptance() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("communityFigures", communityLines(null, "困境家庭档案 30", "困境家庭档案 27"));
            return q;
        }));
        assertShortfalls(instance, "SZ-11", "SZ-11：南环新村第1合同年度困境家庭档案108份，占67.5%，要求不低于70%");
        ServiceContract before = contracts.contract(instance.getBusinessKey());
        assertThat(before.getShortfalls()).hasSize(10);
        assertCannotPass(instance, "SZ-11");

        scenario.complete(instance, "Task_ReviewFinalAcceptance", review(false, 72));

        assertThat(instance).isEnded().hasPassed("Task_IssueAcceptanceReport", "Task_CalculatePayment",
                "Task_RecordProjectOutcome", "EndEvent_ContractCompleted").variables()
                .containsEntry("contractStatus", "FAILED_ACCEPTANCE")
                .containsEntry("acceptancePassed", false)
                .containsEntry("completionShortfalls", "SZ-11");
        String number = instance.getBusinessKey();
        ServiceContract contract = contracts.contract(number);
        assertThat(contract.getStatus()).isEqualTo(ContractStatus.FAILED_ACCEPTANCE);
        assertThat(contract.getAcceptancePassed()).isFalse();
        assertThat(contract.getTargetsChecked()).isEqualTo(91);
        assertThat(contract.getTargetsMet()).isEqualTo(81);
        OrganizationView.Outcome outcome = registry.view(contract.getOrganizationCode()).projectOutcomes().get(0);
        assertThat(registry.view(contract.getOrganizationCode()).projectOutcomes()).hasSize(1);
        assertThat(outcome.acceptancePassed()).isFalse();
        assertThat(outcome.year()).isEqualTo(2020);

        // SZ-13 with the completion factor: 72 → 0.90, 81 of 91 targets met
        assertThat(contract.getScoreFactor()).isEqualByComparingTo("0.90");
        assertThat(historicVariable(instance, "paymentAmount"))
                .isEqualTo(PaymentFormula.compute(contract, contract.getScoreFactor()).amount().doubleValue());

        String report = documents.find((String) historicVariable(instance, "acceptanceReportDocumentId")).orElseThrow()
                .getHtml();
        assertThat(report).contains("结项评估报告");
        for (Shortfall s : contract.getShortfalls()) {
            assertThat(report).contains(s.ruleId()).contains(s.fact());
        }
        assertThat(report).contains("桂花第2合同年度困境家庭档案108份，占67.5%，要求不低于70%");
    }

    @Test
    void sz11_noResourceMapIsAShortfall() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("communityFigures", communityLines(null, "资源图 是", "资源图 否"));
            return q;
        }));
        assertShortfalls(instance, "SZ-11", "SZ-11：友新第2合同年度社区资源库和资源图未建立或更新");
        assertCannotPass(instance, "SZ-11");
    }

    @Test
    void sz11_communityFundOf20000AYearIsAShortfall() {
        // 5,000 a quarter: 20,000 a contract year, below the 30,000 a fund must have once chosen
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("communityFigures", communityLines("桂花", "社区公益金 0", "社区公益金 5000"));
            return q;
        }));
        assertShortfalls(instance, "SZ-11", "SZ-11：桂花第1合同年度社区公益金20000元，设立的不少于30000元");
        assertThat(contracts.contract(instance.getBusinessKey()).getShortfalls()).hasSize(2);
        assertCannotPass(instance, "SZ-11");
    }

    // ---- SZ-12

    @Test
    void sz12_fewerThanFourCommunitiesWithFiguresIsAShortfall() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("communityFigures", communityLines(null, "", "").lines().limit(3).collect(Collectors.joining("\n")));
            return q;
        }));
        assertShortfalls(instance, "SZ-11,SZ-12", "SZ-12：实际开展服务的社区3个（南环新村、竹辉、友新），要求不少于4个",
                "SZ-11：桂花第1合同年度居民家庭需求档案0份");
        assertCannotPass(instance, "SZ-11,SZ-12");
    }

    // ---- SZ-08

    @Test
    void sz08_tooFewCommunityMeetingsIsAShortfall() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("communityMeetings", 60);
            return q;
        }));
        assertShortfalls(instance, "SZ-08", "SZ-08：社区联席会议480次，服务期104周、5个社区应不少于520次");
        assertCannotPass(instance, "SZ-08");
    }

    @Test
    void sz08_tooFewStreetMeetingsIsAShortfall() {
        ProcessInstance instance = pilot(quarter(q -> {
            q.put("streetMeetings", 2);
            return q;
        }));
        assertShortfalls(instance, "SZ-08", "SZ-08：街道联席会议16次，服务期24个月应不少于24次");
        assertCannotPass(instance, "SZ-08");
    }

    // ---- FS-11: 房山 projects

    private static Map<String, Object> period(int persons, String completedOn) {
        Map<String, Object> figures = new HashMap<>();
        figures.put("personsServed", persons);
        figures.put("caseServed", 5);
        figures.put("reportSummary", "按计划开展服务");
        if (completedOn != null) {
            figures.put("completedOn", completedOn);
        }
        return figures;
    }

    private static java.time.Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    /** A 房山 project reporting its three periods, the last with {@code completedOn}. */
    private ProcessInstance project(int personsPerPeriod, String completedOn) {
        ProcessInstance instance = scenario.startProject(fangshan.organization().code());
        assertThat(instance).isWaitingAt("Timer_QuarterEnd").hasNotPassed("Task_RegisterServiceTeam");
        scenario.reportQuarter(instance, at("2020-07-02T10:00:00+08:00"), period(personsPerPeriod, null));
        scenario.reportQuarter(instance, at("2020-10-02T10:00:00+08:00"), period(personsPerPeriod, null));
        scenario.reportQuarter(instance, at("2020-12-11T10:00:00+08:00"), period(personsPerPeriod, completedOn));
        assertThat(instance).isWaitingAt("Task_ReviewFinalAcceptance").hasNotPassed("Task_AssessYearByStreet");
        return instance;
    }

    private static Map<String, Object> projectReview(boolean passed, int score, String indicatorsMet) {
        Map<String, Object> review = review(passed, score);
        review.put("indicatorsMet", indicatorsMet);
        return review;
    }

    @Test
    void fs11_completedAfterTheCompletionDateIsAShortfallAndCannotPass() {
        ProcessInstance instance = project(40, "2020-12-15");

        assertShortfalls(instance, "FS-11", "FS-11：项目于2020年12月15日完成，要求2020年12月10日前完成");
        String taskId = scenario.task(instance, "Task_ReviewFinalAcceptance").getId();
        assertThatThrownBy(() -> scenario.complete(instance, "Task_ReviewFinalAcceptance", projectReview(true, 90, "1,2,3")))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class).hasMessageContaining("acceptancePassed")
                .hasMessageContaining("FS-11");
        assertThat(scenario.task(instance, "Task_ReviewFinalAcceptance").getId()).isEqualTo(taskId);
    }

    @Test
    void fs11_fewerBeneficiariesThanPromisedIsAShortfall() {
        ProcessInstance instance = project(30, "2020-12-05");
        assertShortfalls(instance, "FS-11", "FS-11：服务受益90人，申报承诺不少于100人");
    }

    @Test
    void fs11_anUnmetIndicatorCannotPassAndFailingRecordsItAsAShortfall() {
        ProcessInstance instance = project(40, "2020-12-05");
        assertThat(variable(instance, "completionShortfalls")).isEqualTo("");
        assertThat((String) variable(instance, "catalogIndicators")).contains("3. 3、有隐患排查和舆情上报。");

        String taskId = scenario.task(instance, "Task_ReviewFinalAcceptance").getId();
        assertThatThrownBy(() -> scenario.complete(instance, "Task_ReviewFinalAcceptance", projectReview(true, 90, "1,2")))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class).hasMessageContaining("FS-11")
                .satisfies(e -> assertThat(((ProcessInput.InvalidProcessInputException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("acceptancePassed"));
        assertThat(scenario.task(instance, "Task_ReviewFinalAcceptance").getId()).isEqualTo(taskId);

        scenario.complete(instance, "Task_ReviewFinalAcceptance", projectReview(false, 75, "1,2"));

        assertThat(instance).isEnded().variables().containsEntry("contractStatus", "FAILED_ACCEPTANCE")
                .containsEntry("completionShortfalls", "FS-11");
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getShortfalls()).extracting(Shortfall::fact)
                .containsExactly("项目评估指标3：3、有隐患排查和舆情上报。（未达成）");
        assertThat(registry.view(contract.getOrganizationCode()).projectOutcomes()).singleElement()
                .satisfies(o -> assertThat(o.acceptancePassed()).isFalse());
        assertThat(documents.find((String) historicVariable(instance, "acceptanceReportDocumentId")).orElseThrow()
                .getHtml()).contains("FS-11", "项目评估指标3");
    }

    @Test
    void fs11_allIndicatorsMetAndCompletedByDecember5thPasses() {
        ProcessInstance instance = project(40, "2020-12-05");
        assertThat(variable(instance, "completionShortfalls")).isEqualTo("");

        scenario.complete(instance, "Task_ReviewFinalAcceptance", projectReview(true, 90, "1,2,3"));

        assertThat(instance).isEnded().hasPassed("EndEvent_ContractCompleted").variables()
                .containsEntry("contractStatus", "COMPLETED").containsEntry("completionShortfalls", "")
                .containsEntry("paymentAmount", 120000.0);
        String number = instance.getBusinessKey();
        ServiceContract contract = contracts.contract(number);
        assertThat(contract.getStatus()).isEqualTo(ContractStatus.COMPLETED);
        assertThat(contract.getTargetsChecked()).isEqualTo(contract.getTargetsMet()).isEqualTo(5);
        assertThat(contracts.reports(number)).hasSize(3).extracting(QuarterlyReport::getPeriodEnd)
                .extracting(Object::toString).containsExactly("2020-06-30", "2020-09-30", "2020-12-10");
        assertThat(contracts.assessments(number)).isEmpty();
        assertThat(registry.view(contract.getOrganizationCode()).projectOutcomes()).singleElement()
                .satisfies(o -> assertThat(o.acceptancePassed()).isTrue());
    }
}
