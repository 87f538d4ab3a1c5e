package org.civicflow.tender;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_SetUpEvaluationCommittee ended: LAW-03 composition checked; a bad committee keeps the task open (400). */
@Component("recordCommitteeListener")
class RecordCommitteeListener implements ExecutionListener {

    private final TenderService tenders;

    RecordCommitteeListener(TenderService tenders) {
        this.tenders = tenders;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        tenders.setUpCommittee((String) execution.getVariable("tenderId"), execution.getVariables());
        // recorded in the tender: no process variable keeps it (they came transient from Tasklist and REST)
        execution.removeVariables(ConfidentialInput.COMMITTEE);
    }
}
