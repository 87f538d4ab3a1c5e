package org.civicflow.contract;

import java.util.Date;

import org.springframework.stereotype.Component;

/** Timer dates of the serviceContract model that depend on the reporting period (SZ-07); public for the expression language. */
@Component("contractSchedule")
public class ContractSchedule {

    private final ContractService contracts;

    ContractSchedule(ContractService contracts) {
        this.contracts = contracts;
    }

    /** Timer_QuarterEnd of the multi-instance's iteration {@code loopCounter} (0-based): the period's end. */
    public Date periodEnd(String contractNumber, int loopCounter) {
        return Date.from(ContractService.endOf(contracts.period(contractNumber, loopCounter + 1).end()));
    }
}
