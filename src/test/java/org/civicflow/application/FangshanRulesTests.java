package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.documents.DocumentService;
import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.OrganizationData;
import org.civicflow.registry.RegistrationLevel;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.FangshanScenario.Org;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The 房山 call's rules FS-01 … FS-11, each from both sides, with the facts taken from the registry.
 * Submissions are made at {@link FangshanScenario#DURING_2020_ROUND} (2020-02-01 10:00 Beijing) unless a
 * test moves the engine clock.
 */
@CivicFlowTest
class FangshanRulesTests {

    @Autowired
    FangshanScenario scenario;
    @Autowired
    RegistryService registry;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    DocumentService documents;
    @Autowired
    ProcessEngine engine;

    /** The 2020 policy's call (deadline 2020-02-08T00:00+08:00, completion 2020年12月10日24时). */
    static final String CALL = "FR-2020";
    /** A second call with the same policy: FS-07's limit starts again. */
    static final String SECOND_CALL = "FR-2020-B";
    static boolean opened;

    @BeforeEach
    void round() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        scenario.experts(3);
        if (!opened) {
            scenario.openCall(CALL);
            scenario.openCall(SECOND_CALL);
            opened = true;
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---------------------------------------------------------------- helpers

    private ProcessInstance apply(Map<String, Object> variables) {
        return scenario.apply(variables);
    }

    private ProcessInstance applyAs(Org org) {
        return apply(scenario.application(CALL, org));
    }

    private static void assertRejected(ProcessInstance instance, String ruleIds) {
        assertThat(instance).isEnded().hasPassed("Task_SendRejectionNotice", "EndEvent_ApplicationRejected")
                .variables().containsEntry("ruleViolations", ruleIds).containsEntry("applicationStatus", "REJECTED");
    }

    private static void assertEligible(ProcessInstance instance) {
        assertThat(instance).isWaitingAt("Task_DrawReviewers").variables().containsEntry("ruleViolations", "");
    }

    private Object historicVariable(ProcessInstance instance, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).singleResult().getValue();
    }

    private String rejectionNotice(ProcessInstance instance) {
        return documents.find((String) historicVariable(instance, "rejectionNoticeDocumentId")).orElseThrow().getHtml();
    }

    /** Registers {@code code} again with the given facts (the registry is the only source of them). */
    private void reRegister(String code, boolean registeredWithCivilAffairs, boolean annualInspectionPassed,
                            boolean underInvestigation) {
        registry.register(code, new OrganizationData("测试社工事务所" + code.substring(10, 16), LegalForm.PRIVATE_NON_ENTERPRISE,
                RegistrationLevel.COUNTY, registeredWithCivilAffairs, annualInspectionPassed, underInvestigation,
                "社会工作服务", null));
    }

    private void penalty(Org org, String date, String description) {
        registry.addCreditRecord(org.code(), CreditRecordKind.ADMINISTRATIVE_PENALTY, LocalDate.parse(date), description);
    }

    private static String ids(Long... ids) {
        return String.join(",", Arrays.stream(ids).map(String::valueOf).toList());
    }

    private void reviewAndFund(ProcessInstance instance, int granted) {
        scenario.executeJobs(instance.getId());
        List<Task> reviews = taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_ReviewApplication").list();
        assertThat(reviews).hasSize(3);
        for (Task review : reviews) {
            taskService.complete(review.getId(), Map.of("reviewScore", 85, "reviewComment", "服务对象明确，方案可行"));
        }
        Task decide = taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_DecideFunding").singleResult();
        taskService.complete(decide.getId(), Map.of("fundingApproved", true, "grantedAmount", granted));
        // funded: the project goes on as its serviceContract
        assertThat(instance).isWaitingAt("Task_PerformServiceContract").hasPassed("Task_RegisterContract")
                .variables().containsEntry("applicationStatus", "FUNDED");
    }

    // ---------------------------------------------------------------- FS-01

    @Test
    void fs01_submissionAfterTheCallDeadlineRejects() {
        Org org = scenario.organization();
        FangshanScenario.clock("2020-02-10T09:00:00+08:00");
        assertRejected(applyAs(org), "FS-01");
    }

    @Test
    void fs01_submissionBeforeTheCallDeadlinePasses() {
        FangshanScenario.clock("2020-02-07T18:00:00+08:00");
        assertEligible(applyAs(scenario.organization()));
    }

    // ---------------------------------------------------------------- FS-02

    @Test
    void fs02_unregisteredOrganizationRejects() {
        Org registered = scenario.organization();
        Map<String, Object> variables = scenario.application(CALL, registered);
        // a well-formed code that the registry does not hold: the other organization facts cannot be read
        variables.put("organizationCode", FangshanScenario.uniqueCode());
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-02");
        assertThat(rejectionNotice(instance)).contains("未在组织登记库中登记");
    }

    @Test
    void fs02_annualInspectionFailedRejects() {
        Org org = scenario.organization();
        reRegister(org.code(), true, false, false);
        ProcessInstance instance = applyAs(org);

        assertRejected(instance, "FS-02");
        assertThat(rejectionNotice(instance)).contains("年检不合格");
    }

    @Test
    void fs02_notRegisteredWithCivilAffairsRejects() {
        Org org = scenario.organization();
        reRegister(org.code(), false, true, false);
        ProcessInstance instance = applyAs(org);

        assertRejected(instance, "FS-02");
        assertThat(rejectionNotice(instance)).contains("未在民政部门登记");
    }

    @Test
    void fs02_registeredAndInspectedOrganizationPasses() {
        Org org = scenario.organization();
        // inspection failed once, then passed: the registry's current fact decides
        reRegister(org.code(), true, false, false);
        reRegister(org.code(), true, true, false);
        assertEligible(applyAs(org));
    }

    // ---------------------------------------------------------------- FS-03

    @Test
    void fs03_penalty23MonthsOldRejects() {
        Org org = scenario.organization();
        penalty(org, "2018-03-01", "未按规定办理变更登记");
        assertRejected(applyAs(org), "FS-03");
    }

    @Test
    void fs03_penaltyOneDayShortOfTwoYearsRejects() {
        Org org = scenario.organization();
        penalty(org, "2018-02-02", "未按规定办理变更登记");
        assertRejected(applyAs(org), "FS-03");
    }

    @Test
    void fs03_penaltyExactly24MonthsOldDoesNotReject() {
        Org org = scenario.organization();
        penalty(org, "2018-02-01", "未按规定办理变更登记");
        assertEligible(applyAs(org));
    }

    @Test
    void fs03_penalty25MonthsOldDoesNotReject() {
        Org org = scenario.organization();
        penalty(org, "2018-01-01", "未按规定办理变更登记");
        assertEligible(applyAs(org));
    }

    @Test
    void fs03_ageIsMeasuredFromTheSubmissionDateInShanghai() {
        Org org = scenario.organization();
        penalty(org, "2018-02-01", "未按规定办理变更登记");
        // 2020-02-01 01:00 in Beijing is still 2020-01-31 in UTC: exactly 24 months in Shanghai, so not rejected
        FangshanScenario.clock("2020-02-01T01:00:00+08:00");
        assertEligible(applyAs(org));
    }

    @Test
    void fs03_penaltyTheDayBeforeTwoYearsInShanghaiRejects() {
        Org org = scenario.organization();
        penalty(org, "2018-02-01", "未按规定办理变更登记");
        // 2020-01-31 23:30 in Beijing: one day short of 24 months
        FangshanScenario.clock("2020-01-31T23:30:00+08:00");
        assertRejected(applyAs(org), "FS-03");
    }

    @Test
    void fs03_underInvestigationRejects() {
        Org org = scenario.organization();
        reRegister(org.code(), true, true, true);
        ProcessInstance instance = applyAs(org);

        assertRejected(instance, "FS-03");
        assertThat(rejectionNotice(instance)).contains("正在接受有关部门调查");
    }

    @Test
    void fs03_procurementBadRecordWithinTwoYearsRejects() {
        // a terminated contract (SZ-06) writes a 政府采购不良记录: it counts like a penalty for two years
        Org org = scenario.organization();
        registry.addCreditRecord(org.code(), CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.parse("2019-06-01"),
                "团队组建逾期超过30日");
        ProcessInstance instance = applyAs(org);
        assertRejected(instance, "FS-03");
        assertThat(rejectionNotice(instance)).contains("被记入政府采购不良记录").contains("团队组建逾期超过30日");
    }

    @Test
    void fs03_procurementBadRecordOlderThanTwoYearsPasses() {
        Org org = scenario.organization();
        registry.addCreditRecord(org.code(), CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.parse("2017-06-01"),
                "团队组建逾期超过30日");
        assertEligible(applyAs(org));
    }

    // ---------------------------------------------------------------- FS-04

    @Test
    void fs04_leadWithoutCertificateRejects() {
        Org org = scenario.organization(3, 1);
        Map<String, Object> variables = scenario.application(CALL, org);
        // team: 3 certified + the uncertified lead, so FS-05 still holds
        variables.put("leadStaffId", org.uncertified().get(0).intValue());
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-04");
        assertThat(rejectionNotice(instance)).contains("未持有社会工作职业水平证书");
    }

    @Test
    void fs04_leadFromAnotherOrganizationRejects() {
        Org org = scenario.organization(3, 0);
        Org other = scenario.organization();
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("leadStaffId", (int) other.lead());
        ProcessInstance instance = apply(variables);

        // the lead belongs to the execution team, so the team check names the outsider too (FS-05)
        assertRejected(instance, "FS-04,FS-05");
        assertThat(rejectionNotice(instance)).contains("不是本机构登记人员");
    }

    @Test
    void fs04_certifiedLeadOnOwnStaffPasses() {
        Org org = scenario.organization(3, 1);
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("leadStaffId", org.team().get(2).intValue());
        assertEligible(apply(variables));
    }

    // ---------------------------------------------------------------- FS-05

    @Test
    void fs05_halfCertifiedTeamRejects() {
        Org org = scenario.organization(2, 2);
        Map<String, Object> variables = scenario.application(CALL, org);
        // lead + 1 certified, 2 uncertified: 2 of 4 is not a majority
        variables.put("teamStaffIds", ids(org.team().get(1), org.uncertified().get(0), org.uncertified().get(1)));
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-05");
        assertThat(rejectionNotice(instance)).contains("执行团队4人中持证2人");
    }

    @Test
    void fs05_majorityCertifiedPasses() {
        Org org = scenario.organization(3, 2);
        Map<String, Object> variables = scenario.application(CALL, org);
        // lead + 2 certified, 2 uncertified: 3 of 5
        variables.put("teamStaffIds", ids(org.team().get(1), org.team().get(2), org.uncertified().get(0),
                org.uncertified().get(1)));
        assertEligible(apply(variables));
    }

    @Test
    void fs05_repeatedIdsDoNotInflateTheCertifiedCount() {
        Org org = scenario.organization(1, 1);
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("teamStaffIds", ids(org.lead(), org.lead(), org.lead(), org.uncertified().get(0)));
        assertRejected(apply(variables), "FS-05");
    }

    @Test
    void fs05_teamMemberNotOnStaffRejects() {
        Org org = scenario.organization(3, 0);
        Org other = scenario.organization(3, 0);
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("teamStaffIds", ids(org.team().get(1), other.team().get(0)));
        assertRejected(apply(variables), "FS-05");
    }

    // ---------------------------------------------------------------- FS-06

    @Test
    void fs06_failedAcceptanceLastYearRejects() {
        Org org = scenario.organization();
        registry.addProjectOutcome(org.code(), 2019, "社区老年人关爱服务", false);
        ProcessInstance instance = applyAs(org);

        assertRejected(instance, "FS-06");
        assertThat(rejectionNotice(instance)).contains("2019年“社区老年人关爱服务”结项评审不合格");
    }

    @Test
    void fs06_failedAcceptanceThreeYearsAgoDoesNot() {
        Org org = scenario.organization();
        registry.addProjectOutcome(org.code(), 2017, "社区老年人关爱服务", false);
        assertEligible(applyAs(org));
    }

    @Test
    void fs06_passedAcceptanceLastYearDoesNotReject() {
        Org org = scenario.organization();
        registry.addProjectOutcome(org.code(), 2019, "社区老年人关爱服务", true);
        assertEligible(applyAs(org));
    }

    // ---------------------------------------------------------------- FS-07

    @Test
    void fs07_thirdApplicationInACallIsRejected_secondIsNot() {
        Org org = scenario.organization();
        assertEligible(applyAs(org));
        assertEligible(applyAs(org));
        ProcessInstance third = applyAs(org);

        assertRejected(third, "FS-07");
        assertThat(rejectionNotice(third)).contains("达到每个组织2个的上限");
    }

    @Test
    void fs07_limitIsPerCall_secondCallAcceptsAgain() {
        Org org = scenario.organization();
        assertEligible(applyAs(org));
        assertEligible(applyAs(org));
        assertRejected(applyAs(org), "FS-07");

        assertEligible(apply(scenario.application(SECOND_CALL, org)));
        assertEligible(apply(scenario.application(SECOND_CALL, org)));
    }

    @Test
    void fs07_rejectedEarlierApplicationDoesNotCount() {
        Org org = scenario.organization();
        Map<String, Object> rejected = scenario.application(CALL, org);
        rejected.put("staffPayRaiseAmount", 5000);
        assertRejected(apply(rejected), "FS-08");

        assertEligible(applyAs(org));
        assertEligible(applyAs(org));
        assertRejected(applyAs(org), "FS-07");
    }

    @Test
    void fs07_jointApplicantNotRegisteredRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        String stranger = FangshanScenario.uniqueCode();
        variables.put("jointApplicants", stranger);
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-07");
        assertThat(rejectionNotice(instance)).contains("联合申报单位 " + stranger + " 未在组织登记库中登记");
    }

    @Test
    void fs07_applicantNamingItselfAsJointApplicantRejects() {
        Org org = scenario.organization();
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("jointApplicants", org.code());
        assertRejected(apply(variables), "FS-07");
    }

    @Test
    void fs07_registeredJointApplicantPassesToTheBureausApproval() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("jointApplicants", scenario.organization().code());
        ProcessInstance instance = apply(variables);

        assertThat(instance).isWaitingAt("Task_ApproveJointApplication").variables().containsEntry("ruleViolations", "");
    }

    // ---------------------------------------------------------------- FS-08

    @Test
    void fs08_payRaiseRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("staffPayRaiseAmount", 5000);
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-08");
        assertThat(rejectionNotice(instance)).contains("预算含提高工作人员待遇支出5000元");
    }

    @Test
    void fs08_officeImprovementRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("officeImprovementAmount", "3000.50");
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-08");
        assertThat(rejectionNotice(instance)).contains("预算含改善自身办公条件支出3000.5元");
    }

    @Test
    void fs08_noOwnBenefitSpendingPasses() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("staffPayRaiseAmount", 0);
        variables.remove("officeImprovementAmount");
        assertEligible(apply(variables));
    }

    // ---------------------------------------------------------------- FS-09

    @Test
    void fs09_alreadyFundedRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("alreadyFundedByDistrict", true);
        assertRejected(apply(variables), "FS-09");
    }

    @Test
    void fs09_declaredOtherFundingSourcesDoNotReject() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("alreadyFundedByDistrict", false);
        variables.put("otherFundingSources", "区慈善协会配套资金50000元");
        assertEligible(apply(variables));
    }

    // ---------------------------------------------------------------- FS-10

    @Test
    void fs10_unknownCatalogItemRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("catalogCode", "9-9");
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-10");
        assertThat(rejectionNotice(instance)).contains("项目指引编号“9-9”不在本轮项目指引一览表中");
    }

    @Test
    void fs10_catalogGapTwoFiveRejects() {
        // the 2020 catalog numbers 2-4 and then 2-6: there is no item 2-5
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("catalogCode", "2-5");
        assertRejected(apply(variables), "FS-10");
    }

    @Test
    void fs10_noBeneficiariesRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("targetBeneficiaries", "   ");
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-10");
        assertThat(rejectionNotice(instance)).contains("未写明服务对象");
    }

    @Test
    void fs10_noMinimumRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("minBeneficiaries", 0);
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-10");
        assertThat(rejectionNotice(instance)).contains("未写明最低受益人数");
    }

    @Test
    void fs10_missingMinimumRejects() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.remove("minBeneficiaries");
        assertRejected(apply(variables), "FS-10");
    }

    @Test
    void fs10_catalogItemBeneficiariesAndMinimumNamedPasses() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("catalogCode", "5-2");
        variables.put("targetBeneficiaries", "社区工作者、专业社工机构工作人员");
        variables.put("minBeneficiaries", 1);
        assertEligible(apply(variables));
    }

    // ---------------------------------------------------------------- several rules at once

    @Test
    void fs03_fs05_fs08_allListedAndTheNoticeNamesEachRuleAndFact() {
        Org org = scenario.organization(2, 2);
        penalty(org, "2019-08-20", "违规开展营利性活动被处以警告");
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("teamStaffIds", ids(org.team().get(1), org.uncertified().get(0), org.uncertified().get(1)));
        variables.put("staffPayRaiseAmount", 5000);
        ProcessInstance instance = apply(variables);

        assertRejected(instance, "FS-03,FS-05,FS-08");
        assertThat(rejectionNotice(instance))
                .contains("申报驳回通知书")
                .contains("FS-03", FangshanRule.FS_03.text(), "2019年8月20日", "违规开展营利性活动被处以警告", "未满2年")
                .contains("FS-05", FangshanRule.FS_05.text(), "执行团队4人中持证2人")
                .contains("FS-08", FangshanRule.FS_08.text(), "预算含提高工作人员待遇支出5000元")
                .doesNotContain("FS-01", "FS-02", "FS-04", "FS-06", "FS-07", "FS-09", "FS-10");
    }

    @Test
    void fs01_to_fs10_everyRuleBrokenIsListed() {
        Org org = scenario.organization(1, 3);
        reRegister(org.code(), true, false, true);
        penalty(org, "2019-08-20", "违规开展营利性活动被处以警告");
        registry.addProjectOutcome(org.code(), 2019, "社区老年人关爱服务", false);
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("leadStaffId", org.uncertified().get(0).intValue());
        variables.put("teamStaffIds", ids(org.lead(), org.uncertified().get(1), org.uncertified().get(2)));
        variables.put("jointApplicants", FangshanScenario.uniqueCode());
        variables.put("officeImprovementAmount", 8000);
        variables.put("alreadyFundedByDistrict", true);
        variables.put("targetBeneficiaries", "");
        FangshanScenario.clock("2020-02-09T09:00:00+08:00");

        assertRejected(apply(variables), "FS-01,FS-02,FS-03,FS-04,FS-05,FS-06,FS-07,FS-08,FS-09,FS-10");
    }

    // ---------------------------------------------------------------- FS-11

    @Test
    void fs11_fundingNoticeStatesTheCompletionDateAndTheCatalogItemsIndicators() {
        ProcessInstance instance = applyAs(scenario.organization());
        reviewAndFund(instance, 140000);

        assertThat(instance).variables().containsEntry("completionDeadline", "2020-12-11T00:00+08:00");
        String notice = documents.find((String) historicVariable(instance, "fundingNoticeDocumentId")).orElseThrow()
                .getHtml();
        assertThat(notice).contains("项目立项通知书", "FS-11", "2020年12月10日24时", "2-3 老年人心理关怀服务项目")
                .contains("1、受益人群反馈。", "2、专业人员工作记录。", "5、银发游园照片或记录。");
    }

    @Test
    void fs11_roundSummaryCountsAFundedProjectAsAcceptedOnlyWithAPassedOutcomeOfTheSameName() {
        String callId = "FR-ROUND-1";
        ProcessInstance call = scenario.openCall(callId, Map.of(
                "submissionDeadline", "2020-03-01T00:00+08:00",
                "completionDeadline", "2020-06-30T00:00+08:00"));

        Org accepted = scenario.organization();
        Org failedAcceptance = scenario.organization();
        Org otherProjectAccepted = scenario.organization();
        Org notYetAccepted = scenario.organization();
        reviewAndFund(apply(funded(callId, accepted, "独居老人心理关怀服务（良乡）")), 100000);
        reviewAndFund(apply(funded(callId, failedAcceptance, "独居老人心理关怀服务（长阳）")), 100000);
        reviewAndFund(apply(funded(callId, otherProjectAccepted, "独居老人心理关怀服务（城关）")), 100000);
        reviewAndFund(apply(funded(callId, notYetAccepted, "独居老人心理关怀服务（窦店）")), 100000);

        Map<String, Object> payRaise = scenario.application(callId, scenario.organization());
        payRaise.put("staffPayRaiseAmount", 5000);
        assertRejected(apply(payRaise), "FS-08");
        Org penalized = scenario.organization();
        penalty(penalized, "2019-08-20", "违规开展营利性活动被处以警告");
        Map<String, Object> both = scenario.application(callId, penalized);
        both.put("officeImprovementAmount", 2000);
        assertRejected(apply(both), "FS-03,FS-08");

        // final acceptance results as the registry holds them (2020: the round's year)
        registry.addProjectOutcome(accepted.code(), 2020, "独居老人心理关怀服务（良乡）", true);
        registry.addProjectOutcome(failedAcceptance.code(), 2020, "独居老人心理关怀服务（长阳）", false);
        registry.addProjectOutcome(otherProjectAccepted.code(), 2020, "社区环境建设", true);

        FangshanScenario.clock("2020-06-30T00:00:01+08:00");
        scenario.executeJobs(call.getId());

        assertThat(call).isEnded().hasPassed("Task_CloseCall", "Task_SummarizeRound", "EndEvent_RoundCompleted")
                .variables()
                .containsEntry("applicationsReceived", 6)
                .containsEntry("applicationsRejected", 2L)
                .containsEntry("applicationsFunded", 4)
                .containsEntry("projectsAccepted", 1L)
                .containsEntry("rejectionsByRule", "{FS-03=1, FS-08=2}");
        String summary = documents.find((String) historicVariable(call, "summaryDocumentId")).orElseThrow().getHtml();
        assertThat(summary).contains("结果汇总", "结项合格", "FS-03", "FS-08");
    }

    @Test
    void fs11_passedOutcomeOfAnEarlierYearsProjectDoesNotCountAsAccepted() {
        String callId = "FR-ROUND-2";
        ProcessInstance call = scenario.openCall(callId, Map.of(
                "submissionDeadline", "2020-03-01T00:00+08:00",
                "completionDeadline", "2020-06-30T00:00+08:00"));
        Org org = scenario.organization();
        // the same project title ran in 2018 and passed; this round's project has no outcome yet
        registry.addProjectOutcome(org.code(), 2018, "独居老人心理关怀服务（阎村）", true);
        reviewAndFund(apply(funded(callId, org, "独居老人心理关怀服务（阎村）")), 100000);

        FangshanScenario.clock("2020-06-30T00:00:01+08:00");
        scenario.executeJobs(call.getId());

        assertThat(call).isEnded().variables().containsEntry("applicationsFunded", 1).containsEntry("projectsAccepted", 0L);
    }

    private Map<String, Object> funded(String callId, Org org, String title) {
        Map<String, Object> variables = scenario.application(callId, org);
        variables.put("projectTitle", title);
        return variables;
    }
}
