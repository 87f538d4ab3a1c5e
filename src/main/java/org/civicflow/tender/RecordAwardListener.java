package org.civicflow.tender;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_EvaluateBids ended: only a member of the tender's committee may complete it (403 otherwise, before anything
 * about the bids is checked); the winner must be a qualified bidder, otherwise the task stays open (400).
 */
@Component("recordAwardListener")
class RecordAwardListener implements ExecutionListener {

    private final TenderService tenders;

    RecordAwardListener(TenderService tenders) {
        this.tenders = tenders;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        tenders.award((String) execution.getVariable("tenderId"), execution.getVariables());
        // recorded in the tender: no process variable keeps it (they came transient from Tasklist and REST)
        execution.removeVariables(ConfidentialInput.EVALUATION);
    }
}
