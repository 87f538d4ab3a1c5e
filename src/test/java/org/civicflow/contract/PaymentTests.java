package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.camunda.bpm.engine.variable.Variables;
import org.civicflow.documents.DocumentService;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** SZ-13: the payment formula, the score-factor table, and the payment the process computes and orders. */
@CivicFlowTest
class PaymentTests {

    @Autowired
    ContractScenario scenario;
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    ContractService contracts;
    @Autowired
    DocumentService documents;
    @Autowired
    DecisionService decisionService;
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

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    // ---- the formula

    @Test
    @DisplayName("SZ-13: 2,200,000 accepted, score 88 less 5 deducted = 83 → 0.95 → 2,090,000.00")
    void sz13_acceptedUnitWithDeductionIsPaidByTheEffectiveScore() {
        PaymentFormula.Payment payment = PaymentFormula.compute(d("2200000.00"), d("88"), 5, d("0.95"), true, 91, 91);

        assertThat(payment.effectiveScore()).isEqualByComparingTo("83");
        assertThat(payment.base()).isEqualByComparingTo("2200000");
        assertThat(payment.completionFactor()).isEqualByComparingTo("1");
        assertThat(payment.amount()).isEqualTo(d("2090000.00"));
    }

    @Test
    void sz13_sz06_reductionLowersTheBase() {
        // 2,200,000 reduced by 100,000 (SZ-06 REDUCE): the base is 2,100,000
        PaymentFormula.Payment payment = PaymentFormula.compute(d("2100000.00"), d("88"), 5, d("0.95"), true, 91, 91);

        assertThat(payment.base()).isEqualByComparingTo("2100000");
        assertThat(payment.amount()).isEqualTo(d("1995000.00"));
    }

    @Test
    void sz13_failedAcceptancePaysTheShareOfTargetsMet() {
        // 9 of 10 targets met, score 72 → 0.90: 2,200,000 × 0.90 × 0.9
        PaymentFormula.Payment payment = PaymentFormula.compute(d("2200000.00"), d("72"), 0, d("0.90"), false, 10, 9);

        assertThat(payment.completionFactor()).isEqualByComparingTo("0.9");
        assertThat(payment.amount()).isEqualTo(d("1782000.00"));
    }

    @Test
    void sz13_passedAcceptancePaysInFullWhateverTheCounts() {
        assertThat(PaymentFormula.completionFactor(true, 10, 9)).isEqualByComparingTo("1");
        assertThat(PaymentFormula.completionFactor(false, 0, 0)).isEqualByComparingTo("1");
        assertThat(PaymentFormula.completionFactor(false, 4, 0)).isEqualByComparingTo("0");
    }

    @Test
    void sz13_amountIsRoundedHalfUpToTheFen() {
        // 1,234,567.89 × 0.95 = 1,172,839.4955 → 1,172,839.50
        assertThat(PaymentFormula.compute(d("1234567.89"), d("85"), 0, d("0.95"), true, 1, 1).amount())
                .isEqualTo(d("1172839.50"));
        // 1,000.01 × 0.95 = 950.0095 → 950.01
        assertThat(PaymentFormula.compute(d("1000.01"), d("85"), 0, d("0.95"), true, 1, 1).amount())
                .isEqualTo(d("950.01"));
        // 1,000.03 × 0.60 = 600.018 → 600.02
        assertThat(PaymentFormula.compute(d("1000.03"), d("50"), 0, d("0.60"), true, 1, 1).amount())
                .isEqualTo(d("600.02"));
        assertThat(PaymentFormula.compute(d("1000.03"), d("50"), 0, d("0.60"), true, 1, 1).amount().scale())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("SZ-13: the completion factor is met ÷ checked, rounded only with the amount (to the fen)")
    void sz13_completionShareIsNotRoundedBeforeTheAmount() {
        // 2 of 3 targets met: 2,200,000 × 0.90 × 2/3 = 1,320,000.00 exactly
        assertThat(PaymentFormula.compute(d("2200000.00"), d("72"), 0, d("0.90"), false, 3, 2).amount())
                .isEqualTo(d("1320000.00"));
        // 81 of 91 targets met: 2,200,000 × 0.90 × 81/91 = 1,762,417.58
        BigDecimal exact = d("2200000.00").multiply(d("0.90")).multiply(BigDecimal.valueOf(81))
                .divide(BigDecimal.valueOf(91), 2, RoundingMode.HALF_UP);
        assertThat(exact).isEqualTo(d("1762417.58"));
        assertThat(PaymentFormula.compute(d("2200000.00"), d("72"), 0, d("0.90"), false, 91, 81).amount())
                .isEqualTo(exact);
    }

    @Test
    void sz13_sz06_effectiveScoreIsNeverNegative() {
        assertThat(PaymentFormula.effectiveScore(d("3"), 5)).isEqualByComparingTo("0");
        assertThat(PaymentFormula.effectiveScore(d("5"), 5)).isEqualByComparingTo("0");
        assertThat(PaymentFormula.effectiveScore(d("88.5"), 5)).isEqualByComparingTo("83.5");
        assertThat(PaymentFormula.compute(d("2200000.00"), d("3"), 5, d("0.60"), true, 1, 1).effectiveScore())
                .isEqualByComparingTo("0");
    }

    // ---- the DMN table

    @ParameterizedTest(name = "SZ-13: effective score {0} → factor {1}")
    @CsvSource({"0, 0.60", "59.9, 0.60", "60, 0.80", "69.9, 0.80", "70, 0.90", "79.9, 0.90", "80, 0.95", "89.9, 0.95",
            "90, 1.00", "100, 1.00"})
    void sz13_paymentScoreFactorTableAtItsBoundaries(double effectiveScore, double factor) {
        Object result = decisionService.evaluateDecisionTableByKey("paymentScoreFactor",
                Variables.createVariables().putValue("effectiveScore", effectiveScore)).getSingleResult().getSingleEntry();

        assertThat(result).isEqualTo(factor);
    }

    // ---- end to end

    @Test
    void sz13_sz06_theProcessPaysTheFormulaWithTheDeductionAndOrdersIt() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        // 16 days late: 5 points deducted
        FangshanScenario.clock("2018-07-17T09:00:00+08:00");
        fangshan.executeJobs(instance.getId());
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        scenario.complete(instance, "Task_PrepareExecutionPlan", ContractScenario.plan());
        scenario.complete(instance, "Task_ConfirmServiceAgreement", ContractScenario.agreement());
        for (String end : List.of("2018-09-30", "2018-12-31", "2019-03-31", "2019-06-30", "2019-09-30", "2019-12-31",
                "2020-03-31", "2020-06-30")) {
            scenario.reportQuarter(instance, OffsetDateTime.parse(LocalDate.parse(end).plusDays(2) + "T10:00:00+08:00")
                    .toInstant(), ContractScenario.goodQuarter());
        }
        assertThat(instance).isWaitingAt("Task_ReviewFinalAcceptance").variables()
                .containsEntry("completionShortfalls", "").containsEntry("evaluationDeductions", 5);

        // 92 would be 1.00; less 5 it is 87 → 0.95
        scenario.complete(instance, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true, "finalScore", 92,
                "acceptanceComment", "各项指标均已达成"));

        assertThat(instance).isEnded().hasPassed("Task_DetermineScoreFactor", "Task_CalculatePayment").variables()
                .containsEntry("effectiveScore", 87.0).containsEntry("scoreFactor", 0.95)
                .containsEntry("paymentAmount", 2090000.0).containsEntry("contractStatus", "COMPLETED");
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getScoreFactor()).isEqualByComparingTo("0.95");
        assertThat(contract.getPaymentAmount()).isEqualByComparingTo("2090000.00")
                .isEqualByComparingTo(PaymentFormula.compute(contract, d("0.95")).amount());

        String documentId = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("paymentOrderDocumentId").singleResult().getValue();
        assertThat(documents.ofProcessInstance(instance.getId())).extracting(doc -> doc.getId()).contains(documentId);
        assertThat(documents.find(documentId).orElseThrow().getHtml())
                .contains("项目资金拨付通知单", "SZ-13", "2090000 元", "有效得分 87", "0.95", "扣分 5", "SZ-06");
    }
}
