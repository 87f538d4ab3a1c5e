package org.civicflow.tender;

/** A qualification rule a bidder fails (SZ-01 … SZ-04, SZ-14) and the registry fact behind it. */
public record BidViolation(String ruleId, String fact) {
}
