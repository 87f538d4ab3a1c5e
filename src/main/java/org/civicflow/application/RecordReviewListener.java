package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ReviewApplication completed: stores the expert's score (0–100) and comment; bad input keeps the task open. */
@Component("recordReviewListener")
class RecordReviewListener implements TaskListener {

    private final ApplicationService applications;

    RecordReviewListener(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateTask task) {
        applications.recordReview((String) task.getVariable("applicationId"), task.getAssignee(), task.getVariables());
    }
}
