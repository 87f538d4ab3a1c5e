package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.documents.DocumentService;
import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.OrganizationView;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.system.FieldViolation;
import org.civicflow.system.Groups;
import org.civicflow.system.ProcessInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SZ-06 with the process: the team is due 2018年6月30日24时 (2018-07-01T00:00+08:00); 15 days late the evaluation
 * deduction is recorded, 30 days late the bureau reduces or terminates; a termination's 政府采购不良记录 then blocks
 * the organization in tenders (SZ-04) and 房山 applications (FS-03). Time is the engine clock.
 */
@CivicFlowTest
class TeamFormationPenaltyTests {

    static final String BUREAU = "tfpbureau";
    static final String DEADLINE_PLUS_15 = "2018-07-16T00:00:00+08:00";
    static final String DEADLINE_PLUS_31 = "2018-08-01T00:00:00+08:00";

    @Autowired
    ContractScenario scenario;
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    SuzhouScenario suzhou;
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
    TestUsers users;
    @Autowired
    Api api;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        users.create(BUREAU, Groups.BUREAU);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---- helpers

    private void at(ProcessInstance instance, String iso) {
        FangshanScenario.clock(iso);
        fangshan.executeJobs(instance.getId());
    }

    private Object variable(ProcessInstance instance, String name) {
        return runtimeService.getVariable(instance.getId(), name);
    }

    private Object historicVariable(ProcessInstance instance, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).singleResult().getValue();
    }

    private String html(Object documentId) {
        return documents.find((String) documentId).orElseThrow().getHtml();
    }

    private static Map<String, Object> sanction(String kind, Object reductionAmount) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("sanction", kind);
        if (reductionAmount != null) {
            vars.put("reductionAmount", reductionAmount);
        }
        vars.put("sanctionReason", "服务团队逾期30日以上仍未组建");
        return vars;
    }

    /**
     * A pilot contract whose team is 31 days late, terminated; the organization's code. The termination is the
     * step Task_TerminateContract performs ({@link ContractService#terminate}), called directly because completing
     * Task_DecideContractSanction with TERMINATE fails (see
     * {@link #sz06_thirtyOneDaysLateTerminateEndsTheContractAndRecordsAProcurementBadRecord}).
     */
    private String terminatedOrganization() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        at(instance, DEADLINE_PLUS_31);
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam", "Task_DecideContractSanction");
        contracts.terminate(instance.getBusinessKey(), "服务团队逾期30日以上仍未组建");
        assertThat(registry.view(code).creditRecords()).extracting(OrganizationView.Credit::kind)
                .containsExactly(CreditRecordKind.PROCUREMENT_BAD_RECORD);
        runtimeService.deleteProcessInstance(instance.getId(), "test: contract terminated", true);
        return code;
    }

    private static List<String> ruleViolations(JsonNode bid) {
        List<String> ids = new ArrayList<>();
        bid.path("ruleViolations").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private static JsonNode bidOf(JsonNode view, String code) {
        for (JsonNode bid : view.path("bids")) {
            if (code.equals(bid.path("organizationCode").asText())) {
                return bid;
            }
        }
        throw new AssertionError("No bid of " + code + " in " + view);
    }

    // ---- on time

    @Test
    void sz06_teamFormedOnTimeGetsNoPenaltyAndNoDeduction() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam");

        FangshanScenario.clock("2018-06-30T23:59:00+08:00");
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        assertThat(instance).isWaitingAt("Task_PrepareExecutionPlan");

        // the deduction and sanction dates pass: nothing fires any more
        at(instance, DEADLINE_PLUS_31);
        assertThat(instance).isWaitingAt("Task_PrepareExecutionPlan").hasNotPassed("Task_RecordTeamDeduction");
        assertThat(scenario.task(instance, "Task_DecideContractSanction")).isNull();
        assertThat(variable(instance, "evaluationDeductions")).isEqualTo(0);
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getEvaluationDeductions()).isZero();
        assertThat(contract.getCurrentAmount()).isEqualByComparingTo("2200000");
        assertThat(contract.getTeamFormedAt()).isNotNull();
        assertThat(contracts.penalties(contract.getContractNumber())).isEmpty();
        assertThat(registry.view(code).creditRecords()).isEmpty();
    }

    @Test
    void sz06_notYetFifteenDaysLateNothingIsDeducted() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);

        at(instance, "2018-07-15T23:59:00+08:00");

        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam").hasNotPassed("Task_RecordTeamDeduction");
        assertThat(variable(instance, "evaluationDeductions")).isEqualTo(0);
        assertThat(contracts.penalties(instance.getBusinessKey())).isEmpty();
    }

    // ---- 15 days late: deduction

    @Test
    void sz06_fifteenDaysLateDeductsFivePointsArchivesANoticeAndWaitingGoesOn() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);

        at(instance, DEADLINE_PLUS_15);

        assertThat(instance).hasPassed("Task_RecordTeamDeduction", "EndEvent_DeductionRecorded")
                .isWaitingAt("Task_RegisterServiceTeam");
        assertThat(variable(instance, "evaluationDeductions")).isEqualTo(5);
        String number = instance.getBusinessKey();
        assertThat(contracts.contract(number).getEvaluationDeductions()).isEqualTo(5);
        assertThat(contracts.contract(number).getCurrentAmount()).isEqualByComparingTo("2200000");
        assertThat(contracts.penalties(number)).singleElement().satisfies(p -> {
            assertThat(p.getKind()).isEqualTo(ContractPenalty.Kind.DEDUCTION);
            assertThat(p.getRuleId()).isEqualTo("SZ-06");
            assertThat(p.getDaysLate()).isEqualTo(15);
            assertThat(p.getPoints()).isEqualTo(5);
            assertThat(p.getAmount()).isNull();
            assertThat(p.getDocumentId()).isEqualTo(variable(instance, "deductionNoticeDocumentId"));
        });
        assertThat(html(variable(instance, "deductionNoticeDocumentId")))
                .contains("评估扣分通知书", "SZ-06", "逾期 15 日", "扣 5 分", "2018年6月30日24时");
        assertThat(registry.view(code).creditRecords()).isEmpty();

        // the sanction is not due yet; the team can still be registered and the process goes on
        assertThat(scenario.task(instance, "Task_DecideContractSanction")).isNull();
        FangshanScenario.clock("2018-07-17T09:00:00+08:00");
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        assertThat(instance).isWaitingAt("Task_PrepareExecutionPlan");
        assertThat(contracts.contract(number).getTeamFormedAt()).isNotNull();
        // forming the team cancels the 30-day timer
        at(instance, DEADLINE_PLUS_31);
        assertThat(scenario.task(instance, "Task_DecideContractSanction")).isNull();
        assertThat(contracts.penalties(number)).hasSize(1);
    }

    // ---- 30 days late: REDUCE

    @Test
    void sz06_thirtyOneDaysLateReduceCutsTheAmountArchivesANoticeAndKeepsWaitingForTheTeam() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);

        at(instance, DEADLINE_PLUS_31);
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam", "Task_DecideContractSanction");
        assertThat(instance).task("Task_DecideContractSanction").hasCandidateGroup(Groups.BUREAU);
        assertThat(variable(instance, "daysLate")).isEqualTo(31);
        assertThat(variable(instance, "currentAmount")).isEqualTo(2200000.0);

        scenario.complete(instance, "Task_DecideContractSanction", sanction("REDUCE", 100000));

        String number = instance.getBusinessKey();
        assertThat(instance).hasPassed("Task_ReduceContractAmount", "EndEvent_ContractReduced")
                .isWaitingAt("Task_RegisterServiceTeam");
        assertThat(variable(instance, "currentAmount")).isEqualTo(2100000.0);
        assertThat(variable(instance, "contractStatus")).isEqualTo("ACTIVE");
        ServiceContract contract = contracts.contract(number);
        assertThat(contract.getCurrentAmount()).isEqualByComparingTo("2100000");
        assertThat(contract.getOriginalAmount()).isEqualByComparingTo("2200000");
        assertThat(contract.getReductions()).isEqualByComparingTo("100000");
        assertThat(contract.getStatus()).isEqualTo(ContractStatus.ACTIVE);
        assertThat(contract.getEvaluationDeductions()).isEqualTo(5);
        assertThat(contracts.penalties(number)).extracting(ContractPenalty::getKind)
                .containsExactly(ContractPenalty.Kind.DEDUCTION, ContractPenalty.Kind.REDUCTION);
        ContractPenalty reduction = contracts.penalties(number).get(1);
        assertThat(reduction.getRuleId()).isEqualTo("SZ-06");
        assertThat(reduction.getDaysLate()).isEqualTo(31);
        assertThat(reduction.getAmount()).isEqualByComparingTo("100000");
        assertThat(reduction.getReason()).isEqualTo("服务团队逾期30日以上仍未组建");
        assertThat(reduction.getDocumentId()).isEqualTo(variable(instance, "sanctionNoticeDocumentId"));
        assertThat(html(variable(instance, "sanctionNoticeDocumentId")))
                .contains("扣减合同金额决定书", "SZ-06", "逾期 31 日", "扣减合同金额 100000 元", "扣减后合同金额为 2100000 元");

        // the team can still be registered
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        assertThat(instance).isWaitingAt("Task_PrepareExecutionPlan");
    }

    @Test
    void sz06_reduceByTheWholeAmountOrMoreIsRefusedNamingReductionAmountAndTheTaskStays() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        at(instance, DEADLINE_PLUS_31);

        for (Object amount : List.of(2200000, "2200000.00", 3000000)) {
            assertThatThrownBy(() -> scenario.complete(instance, "Task_DecideContractSanction", sanction("REDUCE", amount)))
                    .isInstanceOf(ProcessInput.InvalidProcessInputException.class)
                    .satisfies(e -> assertThat(((ProcessInput.InvalidProcessInputException) e).violations())
                            .extracting(FieldViolation::field).containsExactly("reductionAmount"))
                    .hasMessageContaining("reductionAmount").hasMessageContaining("2200000.00");
        }
        assertThatThrownBy(() -> scenario.complete(instance, "Task_DecideContractSanction", sanction("REDUCE", 0)))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class).hasMessageContaining("reductionAmount");
        assertThatThrownBy(() -> scenario.complete(instance, "Task_DecideContractSanction", sanction("REDUCE", null)))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class).hasMessageContaining("reductionAmount");
        assertThatThrownBy(() -> scenario.complete(instance, "Task_DecideContractSanction", sanction("FINE", null)))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class).hasMessageContaining("sanction");

        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam", "Task_DecideContractSanction");
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getCurrentAmount()).isEqualByComparingTo("2200000");
        assertThat(contracts.penalties(instance.getBusinessKey())).extracting(ContractPenalty::getKind)
                .containsExactly(ContractPenalty.Kind.DEDUCTION);

        // just under the amount is accepted
        scenario.complete(instance, "Task_DecideContractSanction", sanction("REDUCE", "2199999.99"));
        assertThat(contracts.contract(instance.getBusinessKey()).getCurrentAmount()).isEqualByComparingTo("0.01");
    }

    // SZ-06 (seed 四): 超过30日的，视情扣减合同金额或解除合同，并列入政府采购不良记录 — the record follows either decision
    @Test
    void sz06_reduceAlsoRecordsAProcurementBadRecord() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        at(instance, DEADLINE_PLUS_31);
        scenario.complete(instance, "Task_DecideContractSanction", sanction("REDUCE", 100000));

        assertThat(registry.view(code).creditRecords()).extracting(OrganizationView.Credit::kind)
                .containsExactly(CreditRecordKind.PROCUREMENT_BAD_RECORD);
    }

    // ---- 30 days late: TERMINATE

    @Test
    void sz06_thirtyOneDaysLateTerminateEndsTheContractAndRecordsAProcurementBadRecord() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        at(instance, DEADLINE_PLUS_31);

        scenario.complete(instance, "Task_DecideContractSanction", sanction("TERMINATE", null));

        assertThat(instance).isEnded().hasPassed("Task_TerminateContract", "EndEvent_ContractTerminated")
                .hasNotPassed("Task_PrepareExecutionPlan", "EndEvent_ContractCompleted")
                .variables().containsEntry("contractStatus", "TERMINATED");
        String number = instance.getBusinessKey();
        assertThat(scenario.task(instance, "Task_RegisterServiceTeam")).isNull();
        ServiceContract contract = contracts.contract(number);
        assertThat(contract.getStatus()).isEqualTo(ContractStatus.TERMINATED);
        assertThat(contract.getTeam()).isEmpty();
        assertThat(contracts.penalties(number)).extracting(ContractPenalty::getKind)
                .containsExactly(ContractPenalty.Kind.DEDUCTION, ContractPenalty.Kind.TERMINATION);
        ContractPenalty termination = contracts.penalties(number).get(1);
        assertThat(termination.getDaysLate()).isEqualTo(31);
        assertThat(termination.getRuleId()).isEqualTo("SZ-06");
        assertThat(html(historicVariable(instance, "sanctionNoticeDocumentId")))
                .contains("解除合同决定书", "SZ-06", "逾期 31 日", "政府采购不良记录", "SZ-04", "FS-03");

        assertThat(registry.view(code).creditRecords()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CreditRecordKind.PROCUREMENT_BAD_RECORD);
            assertThat(c.occurredOn()).isEqualTo(LocalDate.parse("2018-08-01"));
            assertThat(c.description()).contains("SZ-06", number, "31");
        });
        // the bad record is not a project outcome
        assertThat(registry.view(code).projectOutcomes()).isEmpty();
    }

    @Test
    void sz06_sz04_terminatedContractorsBadRecordFailsItsNextBid() {
        String blocked = terminatedOrganization();
        String clean = suzhou.qualifiedBidder();

        String issued = "2019-05-20T09:00:00+08:00";
        String deadline = "2019-06-10T09:00:00+08:00";
        FangshanScenario.clock(issued);
        Map<String, Object> tender = suzhou.tender("TFPSZ04", issued, deadline);
        tender.put("serviceStart", "2019-07-01");
        tender.put("teamFormationDeadline", "2019-07-01T00:00:00+08:00");
        ProcessInstance instance = suzhou.start(tender);
        assertThat(instance).isWaitingAt("Timer_BidDeadline");
        int amount = 1_900_000;
        for (String code : List.of(blocked, clean)) {
            Api.Response response = api.as(suzhou.providerOf(code)).post("/api/tenders/TFPSZ04/bids",
                    Map.of("organizationCode", code, "amount", amount++));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
        at(instance, deadline);

        Api.Response view = api.as(BUREAU).get("/api/tenders/TFPSZ04/bids");
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        JsonNode bad = bidOf(view.json(), blocked);
        assertThat(bad.path("qualified").asBoolean(true)).as("%s", bad).isFalse();
        assertThat(ruleViolations(bad)).containsExactly("SZ-04");
        assertThat(bad.toString()).contains("政府采购不良记录");
        JsonNode good = bidOf(view.json(), clean);
        assertThat(good.path("qualified").asBoolean(false)).as("%s", good).isTrue();
        assertThat(ruleViolations(good)).isEmpty();
    }

    @Test
    void sz06_fs03_terminatedContractorsBadRecordRejectsItsNextFangshanApplication() {
        String blocked = terminatedOrganization();
        FangshanScenario.Org clean = fangshan.organization();

        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        fangshan.experts(3);
        fangshan.openCall("TFP-2020");
        // the pilot organization's staff: 员工0 社会工作师 (lead), 员工1–4 助理社会工作师, 员工5–8 uncertified
        List<Long> staff = scenario.staffIds(blocked);
        FangshanScenario.Org org = new FangshanScenario.Org(blocked, staff.get(0), staff.subList(0, 5), staff.subList(5, 9));

        ProcessInstance rejected = fangshan.apply(fangshan.application("TFP-2020", org));
        assertThat(rejected).isEnded().hasPassed("EndEvent_ApplicationRejected").variables()
                .containsEntry("ruleViolations", "FS-03").containsEntry("applicationStatus", "REJECTED");
        assertThat(html(historicVariable(rejected, "rejectionNoticeDocumentId")))
                .contains("FS-03", "政府采购不良记录", "2018年8月1日");

        ProcessInstance eligible = fangshan.apply(fangshan.application("TFP-2020", clean));
        assertThat(eligible).isWaitingAt("Task_DrawReviewers").variables().containsEntry("ruleViolations", "");
    }
}
