package org.civicflow.registry;

/** Kinds of entries in an organization's credit record. */
public enum CreditRecordKind {
    /** 行政处罚 (FS-03). */
    ADMINISTRATIVE_PENALTY("行政处罚"),
    /** 政府采购不良记录 (SZ-04, SZ-06). */
    PROCUREMENT_BAD_RECORD("政府采购不良记录");

    private final String label;

    CreditRecordKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
