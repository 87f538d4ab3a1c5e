package org.civicflow.application;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.civicflow.system.ProcessInput;
import org.springframework.stereotype.Component;

/** Task_ApproveJointApplication completed (its end listener, so that bad input fails the completion unwrapped): records the bureau's decision (FS-07); a refusal is a violation. */
@Component("recordJointDecisionListener")
class RecordJointDecisionListener implements ExecutionListener {

    private final ApplicationService applications;

    RecordJointDecisionListener(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("jointApproved", execution.getVariable("jointApproved"));
        ProcessInput input = ProcessInput.of(values);
        Boolean approved = input.requiredBoolean("jointApproved");
        input.validate();
        String applicationId = (String) execution.getVariable("applicationId");
        applications.decideJoint(applicationId, approved);
        execution.setVariable("jointApproved", approved);
        execution.setVariable("ruleViolations", applications.application(applicationId).getRuleViolations());
    }
}
