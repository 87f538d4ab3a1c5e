package org.civicflow.contract;

/** {@code contractStatus} of SPEC §4. */
public enum ContractStatus {
    ACTIVE, TERMINATED, COMPLETED, FAILED_ACCEPTANCE
}
