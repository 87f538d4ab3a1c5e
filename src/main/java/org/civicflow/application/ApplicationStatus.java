package org.civicflow.application;

/** Where an application stands; the last three are the outcome variable {@code applicationStatus}. */
public enum ApplicationStatus {
    /** 已提交: registered, eligibility not yet decided. */
    SUBMITTED,
    /** 评审中: eligible; joint approval, expert review or funding decision pending. */
    IN_REVIEW,
    /** 已驳回: breaks at least one rule (see ruleViolations). */
    REJECTED,
    /** 未立项: eligible, but the bureau decided not to fund it. */
    DECLINED,
    /** 已立项: funded. */
    FUNDED
}
