package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_ReviewApplication completed (its end listener, so that bad input fails the completion unwrapped): stores the expert's score (0–100) and comment; bad input keeps the task open. */
@Component("recordReviewListener")
class RecordReviewListener implements ExecutionListener {

    private final ApplicationService applications;

    RecordReviewListener(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        // the multi-instance element variable names this instance's expert
        applications.recordReview((String) execution.getVariable("applicationId"),
                (String) execution.getVariable("reviewer"), execution.getVariables());
    }
}
