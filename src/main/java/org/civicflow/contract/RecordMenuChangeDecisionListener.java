package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_ApproveMenuChange completed: approved only when district and city both agree (SZ-16). */
@Component("recordMenuChangeDecisionListener")
class RecordMenuChangeDecisionListener implements ExecutionListener {

    private final ContractService contracts;

    RecordMenuChangeDecisionListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        boolean approved = contracts.menuChangeApproved(execution.getVariables());
        execution.setVariable("menuChangeApproved", approved);
        if (!approved) {
            execution.setVariable("planReturnReason", "SZ-16：清单外服务项目未获区、市民政部门批准。"
                    + execution.getVariable("menuChangeComment"));
        }
    }
}
