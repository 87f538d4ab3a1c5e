package org.civicflow.contract;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReduceContractAmount: SZ-06 REDUCE — the amount goes down by reductionAmount; waiting for the team goes on. */
@Component("reduceContractAmountDelegate")
class ReduceContractAmountDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final ContractNotices notices;

    ReduceContractAmountDelegate(ContractService contracts, ContractNotices notices) {
        this.contracts = contracts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        BigDecimal amount = new BigDecimal(execution.getVariable("reductionAmount").toString()).setScale(2,
                java.math.RoundingMode.HALF_UP);
        ContractPenalty penalty = contracts.reduce(number, amount, (String) execution.getVariable("sanctionReason"));
        ServiceContract contract = contracts.contract(number);
        execution.setVariable("sanctionNoticeDocumentId", notices.penalty(execution, contract, penalty));
        execution.setVariable("currentAmount", contract.getCurrentAmount().doubleValue());
    }
}
