package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SummarizeReviews: the experts' average score, for the funding decision. */
@Component("summarizeReviewsDelegate")
class SummarizeReviewsDelegate implements JavaDelegate {

    private final ApplicationService applications;

    SummarizeReviewsDelegate(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("averageScore",
                applications.summarizeReviews((String) execution.getVariable("applicationId")).doubleValue());
    }
}
