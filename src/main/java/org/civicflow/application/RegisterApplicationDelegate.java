package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterApplication: stores the submitted application; malformed input is refused (400), nothing stored. */
@Component("registerApplicationDelegate")
class RegisterApplicationDelegate implements JavaDelegate {

    private final ApplicationService applications;

    RegisterApplicationDelegate(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProjectApplication application = applications.register(execution.getVariables(),
                execution.getProcessBusinessKey(), execution.getProcessInstanceId());
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(application.getApplicationId());
        }
        execution.setVariable("applicationId", application.getApplicationId());
        execution.setVariable("submittedAt", org.civicflow.system.ShanghaiTime.iso(application.getSubmittedAt()));
    }
}
