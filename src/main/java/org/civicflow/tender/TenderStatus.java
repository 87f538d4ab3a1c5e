package org.civicflow.tender;

/** Where a tender stands. */
public enum TenderStatus {
    /** 投标中: sealed bids accepted until the bid deadline. */
    OPEN,
    /** 评标中: bids opened and qualified; committee at work. */
    EVALUATING,
    /** 已中标: award notice sent, contract not yet signed (LAW-01). */
    AWARDED,
    /** 已签约. */
    SIGNED,
    /** 流标/废标: no qualified bid, a start that broke a rule, or nobody signed. */
    FAILED
}
