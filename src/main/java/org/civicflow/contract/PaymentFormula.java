package org.civicflow.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * SZ-13 — "payment follows the contract, the evaluation and what was actually completed" — as one formula:
 *
 * <pre>
 *   effective score   = max(0, finalScore − evaluationDeductions)           (SZ-06 deductions count here)
 *   score factor      = DMN table paymentScoreFactor(effective score)       (≥90 → 1.00 … &lt;60 → 0.60)
 *   completion factor = 1 when acceptance passed, else targets met ÷ targets checked
 *   paymentAmount     = (contract amount − SZ-06 reductions) × score factor × completion factor,
 *                       rounded half-up to the fen (0.01 yuan)
 * </pre>
 *
 * A 苏州 unit of 2,200,000 yuan accepted with 88 points after a 5-point deduction: 83 → 0.95 → 2,090,000.00.
 */
final class PaymentFormula {

    record Payment(BigDecimal base, BigDecimal effectiveScore, BigDecimal scoreFactor, BigDecimal completionFactor,
                   BigDecimal amount) {
    }

    private PaymentFormula() {
    }

    /** The score the DMN table is asked about. */
    static BigDecimal effectiveScore(BigDecimal finalScore, int deductions) {
        BigDecimal score = finalScore.subtract(BigDecimal.valueOf(deductions));
        return score.signum() < 0 ? BigDecimal.ZERO.setScale(1) : score;
    }

    static BigDecimal completionFactor(boolean passed, int checked, int met) {
        if (passed || checked == 0) {
            return BigDecimal.ONE.setScale(4);
        }
        return BigDecimal.valueOf(met).divide(BigDecimal.valueOf(checked), 4, RoundingMode.HALF_UP);
    }

    static Payment compute(BigDecimal currentAmount, BigDecimal finalScore, int deductions, BigDecimal scoreFactor,
                           boolean passed, int checked, int met) {
        // the only rounding is the last one, to the fen; the completion factor is shown with four decimals
        BigDecimal amount = currentAmount.multiply(scoreFactor);
        if (!passed && checked > 0) {
            amount = amount.multiply(BigDecimal.valueOf(met)).divide(BigDecimal.valueOf(checked), 2, RoundingMode.HALF_UP);
        }
        return new Payment(currentAmount, effectiveScore(finalScore, deductions), scoreFactor,
                completionFactor(passed, checked, met), amount.setScale(2, RoundingMode.HALF_UP));
    }

    static Payment compute(ServiceContract contract, BigDecimal scoreFactor) {
        return compute(contract.getCurrentAmount(), contract.getFinalScore(), contract.getEvaluationDeductions(),
                scoreFactor, Boolean.TRUE.equals(contract.getAcceptancePassed()),
                contract.getTargetsChecked() == null ? 0 : contract.getTargetsChecked(),
                contract.getTargetsMet() == null ? 0 : contract.getTargetsMet());
    }
}
