package org.civicflow.registry;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A number a rule compares against, with the rule it belongs to. */
@Embeddable
public class PolicyThreshold {

    @Column(name = "threshold_value", nullable = false, precision = 19, scale = 2)
    private BigDecimal value;

    @Column(name = "rule_id", length = 16)
    private String ruleId;

    protected PolicyThreshold() {
    }

    public BigDecimal getValue() {
        return value;
    }

    public String getRuleId() {
        return ruleId;
    }
}
