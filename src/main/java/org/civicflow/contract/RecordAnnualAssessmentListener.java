package org.civicflow.contract;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.civicflow.system.Groups;
import org.springframework.stereotype.Component;

/** Task_AssessYearByStreet / Task_AssessYearByCommunity completed: SZ-09's scores recorded per assessor. */
@Component("recordAnnualAssessmentListener")
class RecordAnnualAssessmentListener implements ExecutionListener {

    private static final List<String> INPUT = List.of("progressScore", "effectScore", "satisfactionScore",
            "assessmentComment");

    private final ContractService contracts;

    RecordAnnualAssessmentListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        String group = "Task_AssessYearByStreet".equals(execution.getCurrentActivityId()) ? Groups.STREET : Groups.COMMUNITY;
        contracts.assess((String) execution.getVariable("contractNumber"), (Integer) execution.getVariable("contractYear"),
                group, execution.getVariables());
        // both assessors use the same form in parallel: neither may see the other's figures prefilled
        INPUT.forEach(execution::removeVariable);
    }
}
