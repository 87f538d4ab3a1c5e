package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_DecideContractSanction starts: the bureau sees how late the team is and the amount now in force. */
@Component("prepareSanctionListener")
class PrepareSanctionListener implements ExecutionListener {

    private final ContractService contracts;

    PrepareSanctionListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        ServiceContract contract = contracts.contract((String) execution.getVariable("contractNumber"));
        execution.setVariable("daysLate", contracts.daysLate(contract));
        execution.setVariable("currentAmount", contract.getCurrentAmount().doubleValue());
    }
}
