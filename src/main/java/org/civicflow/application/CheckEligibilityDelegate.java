package org.civicflow.application;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckEligibility: FS-01 … FS-10 from registry facts; sets ruleViolations, eligible, jointApplication. */
@Component("checkEligibilityDelegate")
class CheckEligibilityDelegate implements JavaDelegate {

    private final ApplicationService applications;

    CheckEligibilityDelegate(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String applicationId = (String) execution.getVariable("applicationId");
        List<RuleViolation> violations = applications.checkEligibility(applicationId);
        ProjectApplication application = applications.application(applicationId);
        execution.setVariable("ruleViolations", application.getRuleViolations());
        execution.setVariable("eligible", violations.isEmpty());
        execution.setVariable("jointApplication", application.isJoint());
    }
}
