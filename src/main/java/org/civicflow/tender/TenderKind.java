package org.civicflow.tender;

/** What a tender procures. */
public enum TenderKind {
    /** A street's service package (qualified by SZ-01 … SZ-04). */
    SERVICE_UNIT,
    /** The third-party monitoring and evaluation agency (qualified by SZ-14 and SZ-04). */
    EVALUATOR
}
