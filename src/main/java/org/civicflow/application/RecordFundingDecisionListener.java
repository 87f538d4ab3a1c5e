package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_DecideFunding completed (its end listener, so that bad input fails the completion unwrapped): records the decision; a grant above the request keeps the task open. */
@Component("recordFundingDecisionListener")
class RecordFundingDecisionListener implements ExecutionListener {

    private final ApplicationService applications;

    RecordFundingDecisionListener(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        ProjectApplication application = applications.decideFunding((String) execution.getVariable("applicationId"),
                execution.getVariables());
        execution.setVariable("fundingApproved", application.getStatus() == ApplicationStatus.FUNDED);
    }
}
