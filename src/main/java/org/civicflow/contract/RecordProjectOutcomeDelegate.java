package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordProjectOutcome: acceptance passed or failed becomes a project outcome in the registry (FS-06). */
@Component("recordProjectOutcomeDelegate")
class RecordProjectOutcomeDelegate implements JavaDelegate {

    private final ContractService contracts;

    RecordProjectOutcomeDelegate(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        contracts.recordOutcome(number);
        execution.setVariable("contractStatus", contracts.contract(number).getStatus().name());
    }
}
