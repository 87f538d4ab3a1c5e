package org.civicflow.application;

/** A broken rule and the registry fact behind it (Chinese, shown in the rejection notice). */
public record RuleViolation(FangshanRule rule, String fact) {

    public String ruleId() {
        return rule.id();
    }
}
