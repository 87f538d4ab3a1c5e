package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SZ-13: the README's worked payment examples, with the shipped DMN table deciding the score factor. */
class PaymentExamplesTests {

    static DmnEngine dmn;
    static DmnDecision table;

    @BeforeAll
    static void parseTheShippedTable() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = PaymentExamplesTests.class.getResourceAsStream("/processes/payment-score-factor.dmn")) {
            table = dmn.parseDecision("paymentScoreFactor", in);
        }
    }

    static BigDecimal factor(BigDecimal effectiveScore) {
        Object value = dmn.evaluateDecisionTable(table, Variables.createVariables()
                .putValue("effectiveScore", effectiveScore.doubleValue())).getSingleEntry();
        return new BigDecimal(value.toString());
    }

    @DisplayName("SZ-13 README examples")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "team on time, all targets met    | 2200000.00 | 88 | 0 | true  | 10 | 10 | 2090000.00",
            "team 16 days late                | 2200000.00 | 88 | 5 | true  | 10 | 10 | 2090000.00",
            "team 31 days late, REDUCE 100000 | 2100000.00 | 91 | 5 | true  | 10 | 10 | 1995000.00",
            "9 of 10 targets met              | 2200000.00 | 72 | 0 | false | 10 |  9 | 1782000.00",
            "score wiped out by deductions    |  120000.00 |  3 | 5 | true  |  5 |  5 |   72000.00",
    })
    void sz13_paymentFollowsTheContractTheEvaluationAndTheCompletion(String example, BigDecimal amountInForce,
                                                                     BigDecimal finalScore, int deductions,
                                                                     boolean passed, int checked, int met,
                                                                     BigDecimal expected) {
        BigDecimal scoreFactor = factor(PaymentFormula.effectiveScore(finalScore, deductions));
        PaymentFormula.Payment payment = PaymentFormula.compute(amountInForce, finalScore, deductions, scoreFactor,
                passed, checked, met);
        assertThat(payment.amount()).isEqualByComparingTo(expected);
        assertThat(payment.amount().scale()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"100, 1.00", "90, 1.00", "89.9, 0.95", "80, 0.95", "79.9, 0.90", "70, 0.90", "69.9, 0.80",
            "60, 0.80", "59.9, 0.60", "0, 0.60"})
    void sz13_scoreBandsOfTheTable(BigDecimal score, BigDecimal expected) {
        assertThat(factor(score)).isEqualByComparingTo(expected);
    }
}
