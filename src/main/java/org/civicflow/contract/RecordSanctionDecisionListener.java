package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_DecideContractSanction completed: REDUCE needs an amount below the current one; bad input stays a 400. */
@Component("recordSanctionDecisionListener")
class RecordSanctionDecisionListener implements ExecutionListener {

    private final ContractService contracts;

    RecordSanctionDecisionListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        ContractService.Sanction sanction = contracts.readSanction((String) execution.getVariable("contractNumber"),
                execution.getVariables());
        execution.setVariable("sanction", sanction.kind());
        execution.setVariable("reductionAmount", sanction.reductionAmount() == null ? null
                : sanction.reductionAmount().doubleValue());
        execution.setVariable("sanctionReason", sanction.reason());
    }
}
