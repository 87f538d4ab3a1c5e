package org.civicflow.application;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.civicflow.system.ProcessInput;
import org.springframework.stereotype.Component;

/** Task_ApproveJointApplication completed: records the bureau's decision (FS-07); a refusal is a violation. */
@Component("recordJointDecisionListener")
class RecordJointDecisionListener implements TaskListener {

    private final ApplicationService applications;

    RecordJointDecisionListener(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateTask task) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("jointApproved", task.getVariable("jointApproved"));
        ProcessInput input = ProcessInput.of(values);
        Boolean approved = input.requiredBoolean("jointApproved");
        input.validate();
        String applicationId = (String) task.getVariable("applicationId");
        applications.decideJoint(applicationId, approved);
        task.getExecution().setVariable("jointApproved", approved);
        task.getExecution().setVariable("ruleViolations", applications.application(applicationId).getRuleViolations());
    }
}
