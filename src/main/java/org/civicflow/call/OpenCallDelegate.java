package org.civicflow.call;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.system.ShanghaiTime;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.springframework.stereotype.Component;

/** Task_OpenCall: registers the call with its deadlines (defaults from its round policy). */
@Component("openCallDelegate")
class OpenCallDelegate implements JavaDelegate {

    private final CallService calls;
    private final Authorizations authorizations;

    OpenCallDelegate(CallService calls, Authorizations authorizations) {
        this.calls = calls;
        this.authorizations = authorizations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the call and its notice are public to every organization
        authorizations.grantInstanceRead(Groups.PROVIDER, execution.getProcessInstanceId());
        CallData data = calls.read(execution.getVariables());
        CallRound call = calls.open(data, execution.getProcessInstanceId());
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(call.getCallId());
        }
        // the timers read these: ISO-8601 instants with the +08:00 offset
        execution.setVariable("callId", call.getCallId());
        execution.setVariable("policyCode", call.getPolicyCode());
        execution.setVariable("district", call.getDistrict());
        execution.setVariable("title", call.getTitle());
        execution.setVariable("submissionDeadline", ShanghaiTime.iso(call.getSubmissionDeadline()));
        execution.setVariable("completionDeadline", ShanghaiTime.iso(call.getCompletionDeadline()));
        execution.setVariable("maxApplicationsPerOrg", call.getMaxApplicationsPerOrg());
    }
}
