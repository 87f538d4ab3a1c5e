package org.civicflow.contract;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_ConfirmServiceAgreement completed: the plan's approvals, the coordinators and the street's list of
 * recipients are recorded on the contract (the list stays there, not in process variables).
 */
@Component("recordServiceAgreementListener")
class RecordServiceAgreementListener implements ExecutionListener {

    private final ContractService contracts;

    RecordServiceAgreementListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        contracts.confirmAgreement((String) execution.getVariable("contractNumber"), execution.getVariables());
        List.of("serviceRecipients", "communityCoordinators").forEach(execution::removeVariable);
    }
}
