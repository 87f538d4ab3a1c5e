package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicflow.tender.TenderFixtures.DEADLINE;
import static org.civicflow.tender.TenderFixtures.ISSUED;
import static org.civicflow.tender.TenderFixtures.bidOf;
import static org.civicflow.tender.TenderFixtures.boardMember;
import static org.civicflow.tender.TenderFixtures.employee;
import static org.civicflow.tender.TenderFixtures.employees;
import static org.civicflow.tender.TenderFixtures.facts;
import static org.civicflow.tender.TenderFixtures.organization;
import static org.civicflow.tender.TenderFixtures.ruleViolations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.documents.DocumentService;
import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.Qualification;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.StaffData;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bidder qualification at bid opening (SZ-01 … SZ-04, SZ-14), from registry facts only, as the bureau sees
 * it on the bids API after the deadline. Each rule has a failing and a passing side.
 */
@CivicFlowTest
class BidderQualificationTests {

    private static final String BUREAU = "bqbureau";

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
    IdentityService identityService;
    @Autowired
    HistoryService historyService;
    @Autowired
    DocumentService documents;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(ISSUED);
        users.create(BUREAU, Groups.BUREAU);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** Starts a tender, lets each organization bid through the API, opens the bids; the bureau's view. */
    private Opened open(String unit, TenderKind kind, String... bidders) {
        Map<String, Object> variables = suzhou.tender(unit, ISSUED, DEADLINE);
        variables.put("tenderKind", kind.name());
        ProcessInstance instance = suzhou.start(variables);
        assertThat(instance).isWaitingAt("Timer_BidDeadline");
        int amount = 1_900_000;
        for (String code : bidders) {
            Api.Response response = api.as(suzhou.providerOf(code)).post("/api/tenders/" + unit + "/bids",
                    Map.of("organizationCode", code, "amount", amount++));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        Api.Response view = api.as(BUREAU).get("/api/tenders/" + unit + "/bids");
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().path("sealed").asBoolean()).isFalse();
        return new Opened(instance, view.json());
    }

    private Opened open(String unit, String... bidders) {
        return open(unit, TenderKind.SERVICE_UNIT, bidders);
    }

    private record Opened(ProcessInstance instance, JsonNode view) {
        JsonNode bid(String code) {
            return bidOf(view, code);
        }
    }

    private static void assertQualified(JsonNode bid) {
        assertThat(bid.path("qualified").isBoolean()).as("%s", bid).isTrue();
        assertThat(bid.path("qualified").asBoolean()).as("%s", bid).isTrue();
        assertThat(ruleViolations(bid)).isEmpty();
    }

    private static void assertNotQualified(JsonNode bid, String... rules) {
        assertThat(bid.path("qualified").isBoolean()).as("%s", bid).isTrue();
        assertThat(bid.path("qualified").asBoolean()).as("%s", bid).isFalse();
        assertThat(ruleViolations(bid)).containsExactly(rules);
    }

    // ---- SZ-01: 民办非企业单位 registered with civil affairs; scope names social-work services

    @Test
    void sz01_socialGroupIsNotQualified() {
        String code = organization(registry, LegalForm.SOCIAL_GROUP, "社会工作服务");
        registry.addStaff(code, boardMember("会长", Qualification.SOCIAL_WORKER));
        employees(registry, code, 9, 5);
        JsonNode bid = open("SZ01SG", code).bid(code);
        assertNotQualified(bid, "SZ-01");
        assertThat(facts(bid)).contains("社会团体");
    }

    @Test
    void sz01_foundationIsNotQualified() {
        String code = organization(registry, LegalForm.FOUNDATION, "社会工作服务");
        registry.addStaff(code, boardMember("理事长", Qualification.SOCIAL_WORKER));
        employees(registry, code, 9, 5);
        assertNotQualified(open("SZ01FD", code).bid(code), "SZ-01");
    }

    @Test
    void sz01_scopeWithoutSocialWorkIsNotQualified() {
        String code = organization(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "养老服务；家政服务");
        registry.addStaff(code, boardMember("理事长", Qualification.SOCIAL_WORKER));
        employees(registry, code, 9, 5);
        JsonNode bid = open("SZ01SCOPE", code).bid(code);
        assertNotQualified(bid, "SZ-01");
        assertThat(facts(bid)).contains("养老服务；家政服务");
    }

    @Test
    void sz01_notRegisteredWithCivilAffairsIsNotQualified() {
        String code = organization(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "社会工作服务", false, null);
        registry.addStaff(code, boardMember("理事长", Qualification.SOCIAL_WORKER));
        employees(registry, code, 9, 5);
        assertNotQualified(open("SZ01REG", code).bid(code), "SZ-01");
    }

    @Test
    void sz01_privateNonEnterpriseWithSocialWorkScopeQualifies() {
        String code = organization(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "专业社会工作服务；社区营造");
        registry.addStaff(code, boardMember("理事长", Qualification.SOCIAL_WORKER));
        employees(registry, code, 9, 5);
        Opened opened = open("SZ01OK", code);
        assertQualified(opened.bid(code));
        assertThat(opened.instance()).isWaitingAt("Task_SetUpEvaluationCommittee").variables()
                .containsEntry("qualifiedBidCount", 1);
    }

    // ---- SZ-02: board has ≥1 社会工作师 or ≥2 助理社会工作师

    /** SZ-03 met without any board member: 9 full-time employees, 5 with a diploma. */
    private String withoutBoard() {
        String code = organization(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "社会工作服务");
        employees(registry, code, 9, 5);
        return code;
    }

    @Test
    void sz02_oneSocialWorkerOnTheBoardQualifies() {
        String code = withoutBoard();
        registry.addStaff(code, boardMember("理事长", Qualification.SOCIAL_WORKER));
        assertQualified(open("SZ02SW", code).bid(code));
    }

    @Test
    void sz02_oneSeniorSocialWorkerOnTheBoardQualifies() {
        String code = withoutBoard();
        registry.addStaff(code, boardMember("理事长", Qualification.SENIOR_SOCIAL_WORKER));
        assertQualified(open("SZ02SSW", code).bid(code));
    }

    @Test
    void sz02_twoAssistantsOnTheBoardQualify() {
        String code = withoutBoard();
        registry.addStaff(code, boardMember("理事甲", Qualification.ASSISTANT_SOCIAL_WORKER));
        registry.addStaff(code, boardMember("理事乙", Qualification.ASSISTANT_SOCIAL_WORKER));
        assertQualified(open("SZ02AA", code).bid(code));
    }

    @Test
    void sz02_oneAssistantOnlyIsNotQualified() {
        String code = withoutBoard();
        registry.addStaff(code, boardMember("理事甲", Qualification.ASSISTANT_SOCIAL_WORKER));
        registry.addStaff(code, boardMember("理事乙", null));
        JsonNode bid = open("SZ02A", code).bid(code);
        assertNotQualified(bid, "SZ-02");
        assertThat(facts(bid)).contains("助理社会工作师1名");
    }

    @Test
    void sz02_socialWorkersOffTheBoardDoNotCount() {
        String code = organization(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "社会工作服务");
        for (int i = 0; i < 9; i++) {
            registry.addStaff(code, employee("员工" + i, i < 5 ? Qualification.SOCIAL_WORKER : null, false));
        }
        assertNotQualified(open("SZ02OFF", code).bid(code), "SZ-02");
    }

    // ---- SZ-03: ≥9 full-time (contract ≥1 year, insured), ≥5 of them professional social workers

    /** SZ-01 and SZ-02 met; staff is up to the test. */
    private String withBoard() {
        String code = organization(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "社会工作服务");
        registry.addStaff(code, boardMember("理事长", Qualification.SOCIAL_WORKER));
        return code;
    }

    @Test
    void sz03_nineFullTimeQualify() {
        String code = withBoard();
        for (int i = 0; i < 9; i++) {
            registry.addStaff(code, employee("员工" + i, 12, true, i < 5 ? Qualification.ASSISTANT_SOCIAL_WORKER : null, false));
        }
        assertQualified(open("SZ03NINE", code).bid(code));
    }

    @Test
    void sz03_nineWhereOneHasAnElevenMonthContractIsOnlyEight() {
        String code = withBoard();
        employees(registry, code, 8, 5);
        registry.addStaff(code, employee("短期员工", 11, true, null, false));
        JsonNode bid = open("SZ03ELEVEN", code).bid(code);
        assertNotQualified(bid, "SZ-03");
        assertThat(facts(bid)).contains("全职员工8名").contains("1人劳动合同不足12个月");
    }

    @Test
    void sz03_uninsuredStaffDoNotCount() {
        String code = withBoard();
        employees(registry, code, 8, 5);
        registry.addStaff(code, employee("未参保员工", 24, false, null, false));
        JsonNode bid = open("SZ03INS", code).bid(code);
        assertNotQualified(bid, "SZ-03");
        assertThat(facts(bid)).contains("全职员工8名").contains("1人未缴纳社保");
    }

    @Test
    void sz03_partTimeStaffDoNotCount() {
        String code = withBoard();
        employees(registry, code, 8, 5);
        registry.addStaff(code, new StaffData("兼职员工", false, false, 24, true, null, false,
                3, 2, true, false, false));
        assertNotQualified(open("SZ03PT", code).bid(code), "SZ-03");
    }

    @Test
    void sz03_fourProfessionalSocialWorkersAreTooFew() {
        String code = withBoard();
        employees(registry, code, 12, 4);
        JsonNode bid = open("SZ03FOUR", code).bid(code);
        assertNotQualified(bid, "SZ-03");
        assertThat(facts(bid)).contains("专业社工4名");
    }

    @Test
    void sz03_aDiplomaWithoutCertificateCountsAsProfessional() {
        String code = withBoard();
        registry.addStaff(code, employee("持证社工", Qualification.ASSISTANT_SOCIAL_WORKER, false));
        for (int i = 0; i < 4; i++) {
            registry.addStaff(code, employee("社工专业毕业" + i, null, true));
        }
        for (int i = 0; i < 4; i++) {
            registry.addStaff(code, employee("其他员工" + i, null, false));
        }
        assertQualified(open("SZ03DIP", code).bid(code));
    }

    @Test
    void sz03_professionalsMustBeFullTime() {
        String code = withBoard();
        employees(registry, code, 9, 4);
        registry.addStaff(code, employee("短期社工", 6, true, Qualification.SOCIAL_WORKER, false));
        JsonNode bid = open("SZ03PROFT", code).bid(code);
        assertNotQualified(bid, "SZ-03");
        assertThat(facts(bid)).contains("专业社工4名");
    }

    // ---- SZ-04: no bad integrity record

    @Test
    void sz04_badRecordFromAnEarlierTerminationBlocks() {
        String code = TenderFixtures.serviceBidder(registry);
        registry.addCreditRecord(code, CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.of(2017, 9, 1),
                "超过30日未组建服务团队，合同解除");
        JsonNode bid = open("SZ04BAD", code).bid(code);
        assertNotQualified(bid, "SZ-04");
        assertThat(facts(bid)).contains("政府采购不良记录").contains("合同解除");
    }

    @Test
    void sz04_administrativePenaltyIsNotAProcurementBadRecord() {
        String code = TenderFixtures.serviceBidder(registry);
        registry.addCreditRecord(code, CreditRecordKind.ADMINISTRATIVE_PENALTY, LocalDate.of(2017, 9, 1),
                "未按规定报送年度工作报告，警告");
        assertQualified(open("SZ04ADM", code).bid(code));
    }

    @Test
    void sz04_appliesToTheEvaluatorToo() {
        String code = TenderFixtures.evaluator(registry, 3, 3, 2, 3, 5);
        registry.addCreditRecord(code, CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.of(2017, 3, 1), "虚假材料");
        assertNotQualified(open("SZ04EVAL", TenderKind.EVALUATOR, code).bid(code), "SZ-04");
    }

    @Test
    void severalRulesAreNamedTogetherSorted() {
        String code = organization(registry, LegalForm.SOCIAL_GROUP, "社区服务");
        employees(registry, code, 3, 1);
        registry.addCreditRecord(code, CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.of(2016, 5, 1), "不良记录");
        assertNotQualified(open("SZALL", code).bid(code), "SZ-01", "SZ-02", "SZ-03", "SZ-04");
    }

    // ---- SZ-14: the third-party evaluator (SZ-01 … SZ-03 do not apply)

    @Test
    void sz14_qualifyingEvaluatorQualifies() {
        String code = TenderFixtures.evaluator(registry, 3, 3, 2, 3, 5);
        Opened opened = open("SZ14OK", TenderKind.EVALUATOR, code);
        assertQualified(opened.bid(code));
        assertThat(opened.instance()).isWaitingAt("Task_SetUpEvaluationCommittee");
    }

    @Test
    void sz14_evaluatorIsNotJudgedBySz01ToSz03() {
        // a 社会团体 with no social-work scope, no board and 3 + 5 staff: would fail SZ-01, SZ-02 and SZ-03
        String code = TenderFixtures.evaluator(registry, 4, 3, 2, 5, 5);
        JsonNode bid = open("SZ14NOSZ03", TenderKind.EVALUATOR, code).bid(code);
        assertQualified(bid);
        assertThat(ruleViolations(bid)).doesNotContain("SZ-01", "SZ-02", "SZ-03");
    }

    @Test
    void sz14_twoPracticeYearsFail() {
        String code = TenderFixtures.evaluator(registry, 2, 3, 2, 3, 5);
        JsonNode bid = open("SZ14YEARS", TenderKind.EVALUATOR, code).bid(code);
        assertNotQualified(bid, "SZ-14");
        assertThat(facts(bid)).contains("监管评估实务经验2年");
    }

    @Test
    void sz14_fourExpertsFail() {
        String code = TenderFixtures.evaluator(registry, 3, 3, 2, 3, 4);
        JsonNode bid = open("SZ14EXP", TenderKind.EVALUATOR, code).bid(code);
        assertNotQualified(bid, "SZ-14");
        assertThat(facts(bid)).contains("专家团队4名");
    }

    @Test
    void sz14_aTeamOfTwoFails() {
        String code = TenderFixtures.evaluator(registry, 3, 2, 2, 3, 5);
        JsonNode bid = open("SZ14TEAM", TenderKind.EVALUATOR, code).bid(code);
        assertNotQualified(bid, "SZ-14");
        assertThat(facts(bid)).contains("执行团队全职员工2名");
    }

    @Test
    void sz14_expertsDoNotMakeUpTheTeam() {
        // 2 full-time team members plus 5 full-time experts: the team is still 2
        String code = TenderFixtures.evaluator(registry, 3, 2, 2, 3, 0);
        for (int i = 0; i < 5; i++) {
            registry.addStaff(code, new StaffData("全职专家" + i, false, true, 24, true, null, true,
                    10, 0, true, false, true));
        }
        assertNotQualified(open("SZ14EXPTEAM", TenderKind.EVALUATOR, code).bid(code), "SZ-14");
    }

    @Test
    void sz14_oneSocialWorkerInTheTeamFails() {
        String code = TenderFixtures.evaluator(registry, 3, 3, 1, 3, 5);
        assertNotQualified(open("SZ14SW", TenderKind.EVALUATOR, code).bid(code), "SZ-14");
    }

    @Test
    void sz14_noLeaderWithThreeYearsFails() {
        String code = TenderFixtures.evaluator(registry, 3, 3, 2, 2, 5);
        assertNotQualified(open("SZ14LEAD", TenderKind.EVALUATOR, code).bid(code), "SZ-14");
    }

    @Test
    void sz14_aTeamMemberWithLessThanAYearOfExperienceFails() {
        String code = TenderFixtures.evaluator(registry, 3, 3, 2, 3, 5);
        registry.addStaff(code, TenderFixtures.teamMember("新入职评估员", true, 0));
        JsonNode bid = open("SZ14NEW", TenderKind.EVALUATOR, code).bid(code);
        assertNotQualified(bid, "SZ-14");
        assertThat(TenderFixtures.facts(bid)).contains("不足1年");
    }

    @Test
    void sz14_scopeWithoutEvaluationFails() {
        String code = TenderFixtures.evaluator(registry, LegalForm.SOCIAL_GROUP, "社会工作服务", true, 3, 3, 2, 3, 5);
        assertNotQualified(open("SZ14SCOPE", TenderKind.EVALUATOR, code).bid(code), "SZ-14");
    }

    @Test
    void sz14_foundationFails() {
        String code = TenderFixtures.evaluator(registry, LegalForm.FOUNDATION, "项目监管评估", true, 3, 3, 2, 3, 5);
        assertNotQualified(open("SZ14FND", TenderKind.EVALUATOR, code).bid(code), "SZ-14");
    }

    @Test
    void sz14_privateNonEnterpriseEvaluatorQualifies() {
        String code = TenderFixtures.evaluator(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "社会服务项目评估", true,
                5, 4, 2, 3, 6);
        assertQualified(open("SZ14PNE", TenderKind.EVALUATOR, code).bid(code));
    }

    @Test
    void sz14_evaluatorNotRegisteredWithCivilAffairsFails() {
        String code = TenderFixtures.evaluator(registry, LegalForm.SOCIAL_GROUP, "社会服务项目监管评估", false,
                3, 3, 2, 3, 5);
        assertNotQualified(open("SZ14REG", TenderKind.EVALUATOR, code).bid(code), "SZ-14");
    }

    @Test
    void sz14_aServiceBidderIsNotAQualifiedEvaluator() {
        String code = TenderFixtures.serviceBidder(registry);
        assertNotQualified(open("SZ14SVC", TenderKind.EVALUATOR, code).bid(code), "SZ-14");
    }

    // ---- facts come from the registry only

    @Test
    void aBidderUnknownToTheRegistryIsNotQualified() {
        // its group exists in Camunda (e.g. created in Camunda Admin), but the registry has no such organization
        String code = FangshanScenario.uniqueCode();
        Group group = identityService.newGroup(Groups.organization(code));
        group.setName("未登记机构");
        group.setType(Groups.ORGANIZATION_TYPE);
        identityService.saveGroup(group);
        String known = TenderFixtures.serviceBidder(registry);
        Opened opened = open("SZUNKNOWN", code, known);
        JsonNode bid = opened.bid(code);
        assertNotQualified(bid, "SZ-01");
        assertThat(facts(bid)).contains("未在组织登记库中登记");
        assertQualified(opened.bid(known));
        assertThat(opened.instance()).variables().containsEntry("bidCount", 2).containsEntry("qualifiedBidCount", 1);
    }

    @Test
    void registryFactsAtOpeningDecideNotFactsAtBidding() {
        // qualified when bidding; a procurement bad record registered before the deadline counts at opening
        String code = TenderFixtures.serviceBidder(registry);
        Map<String, Object> variables = suzhou.tender("SZFACTS", ISSUED, DEADLINE);
        ProcessInstance instance = suzhou.start(variables);
        assertThat(api.as(suzhou.providerOf(code)).post("/api/tenders/SZFACTS/bids",
                Map.of("organizationCode", code, "amount", 2_000_000)).status()).isEqualTo(201);
        registry.addCreditRecord(code, CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.of(2018, 6, 1), "另案不良记录");
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        assertNotQualified(bidOf(api.as(BUREAU).get("/api/tenders/SZFACTS/bids").json(), code), "SZ-04");
    }

    // ---- no qualified bid: the tender fails with a notice naming the rules

    @Test
    void whenNoBidQualifiesTheTenderFailsWithANoticeNamingTheRules() {
        String socialGroup = organization(registry, LegalForm.SOCIAL_GROUP, "社会工作服务");
        registry.addStaff(socialGroup, boardMember("会长", Qualification.SOCIAL_WORKER));
        employees(registry, socialGroup, 9, 5);
        String badRecord = TenderFixtures.serviceBidder(registry);
        registry.addCreditRecord(badRecord, CreditRecordKind.PROCUREMENT_BAD_RECORD, LocalDate.of(2017, 1, 5), "合同解除");

        Opened opened = open("SZNONE", socialGroup, badRecord);
        assertNotQualified(opened.bid(socialGroup), "SZ-01");
        assertNotQualified(opened.bid(badRecord), "SZ-04");
        assertThat(opened.instance()).isEnded()
                .hasPassedInOrder("Task_OpenBids", "Task_SendTenderFailedNotice", "EndEvent_TenderFailed")
                .hasNotPassed("Task_SetUpEvaluationCommittee")
                .variables().containsEntry("qualifiedBidCount", 0).containsEntry("tenderStatus", "FAILED");

        String documentId = (String) historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(opened.instance().getId()).variableName("tenderFailedNoticeDocumentId")
                .singleResult().getValue();
        String html = documents.find(documentId).orElseThrow().getHtml();
        assertThat(html).contains("SZ-01").contains("SZ-04").contains(socialGroup).contains(badRecord);
        assertThat(opened.view().path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void withoutAnyBidTheTenderFails() {
        Opened opened = open("SZNOBID");
        assertThat(opened.view().path("bidCount").asInt()).isZero();
        assertThat(opened.instance()).isEnded().hasPassed("Task_SendTenderFailedNotice", "EndEvent_TenderFailed");
    }

    /** The bids API names qualification rules only (SZ-01 … SZ-04, SZ-14). */
    @Test
    void ruleViolationsNameOnlyQualificationRules() {
        String qualified = TenderFixtures.serviceBidder(registry);
        String unqualified = organization(registry, LegalForm.FOUNDATION, "慈善");
        JsonNode view = open("SZRULES", qualified, unqualified).view();
        List<String> all = new ArrayList<>();
        view.path("bids").forEach(b -> all.addAll(ruleViolations(b)));
        assertThat(all).isNotEmpty().allMatch(id -> List.of("SZ-01", "SZ-02", "SZ-03", "SZ-04", "SZ-14").contains(id));
    }
}
