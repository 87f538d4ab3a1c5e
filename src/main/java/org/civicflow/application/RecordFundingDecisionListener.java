package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_DecideFunding completed: records the decision; a grant above the request keeps the task open. */
@Component("recordFundingDecisionListener")
class RecordFundingDecisionListener implements TaskListener {

    private final ApplicationService applications;

    RecordFundingDecisionListener(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateTask task) {
        ProjectApplication application = applications.decideFunding((String) task.getVariable("applicationId"),
                task.getVariables());
        task.getExecution().setVariable("fundingApproved", application.getStatus() == ApplicationStatus.FUNDED);
    }
}
