package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_PrepareExecutionPlan completed: SZ-16's mandatory items enforced; items beyond the 清单 need approval. */
@Component("recordExecutionPlanListener")
class RecordExecutionPlanListener implements ExecutionListener {

    private final ContractService contracts;

    RecordExecutionPlanListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        String number = (String) execution.getVariable("contractNumber");
        boolean change = contracts.recordPlan(number, execution.getVariables());
        ServiceContract contract = contracts.contract(number);
        execution.setVariable("menuChangeRequested", change);
        execution.setVariable("serviceItems", contract.getServiceItems());
        execution.setVariable("servicePopulations", contract.getServicePopulations());
        execution.setVariable("planReturnReason", "");
    }
}
