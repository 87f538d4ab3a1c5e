package org.civicflow.contract;

/** Which lifecycle a contract follows. */
public enum ContractKind {
    /** A 苏州 pilot street (procurement unit) won in a tender: team (SZ-05/06), plan (SZ-16), SZ-07…SZ-13. */
    PILOT_UNIT,
    /** A 房山 project funded after a call: quarterly reports until the completion date, acceptance by FS-11. */
    FUNDED_PROJECT
}
