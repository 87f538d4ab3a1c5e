package org.civicflow.application;

import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.springframework.stereotype.Component;

/**
 * Task_RegisterApplication: stores the submitted application; malformed input is refused (400) and an
 * application in the name of an organization the user does not belong to is refused (403), nothing stored.
 */
@Component("registerApplicationDelegate")
class RegisterApplicationDelegate implements JavaDelegate {

    private final ApplicationService applications;
    private final Authorizations authorizations;

    RegisterApplicationDelegate(ApplicationService applications, Authorizations authorizations) {
        this.applications = applications;
        this.authorizations = authorizations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProjectApplication application = applications.register(execution.getVariables(),
                execution.getProcessBusinessKey(), execution.getProcessInstanceId());
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(application.getApplicationId());
        }
        // the applicant (and joint applicants) see this application; other organizations do not
        Set<String> organizations = new LinkedHashSet<>();
        organizations.add(application.getOrganizationCode());
        organizations.addAll(application.getJointApplicants());
        organizations.forEach(code ->
                authorizations.grantInstanceRead(Groups.organization(code), execution.getProcessInstanceId()));
        execution.setVariable("applicationId", application.getApplicationId());
        execution.setVariable("submittedAt", org.civicflow.system.ShanghaiTime.iso(application.getSubmittedAt()));
    }
}
