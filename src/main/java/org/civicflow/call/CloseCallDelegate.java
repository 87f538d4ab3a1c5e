package org.civicflow.call;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CloseCall: FS-01 — after the submission deadline the call accepts nothing more. */
@Component("closeCallDelegate")
class CloseCallDelegate implements JavaDelegate {

    private final CallService calls;

    CloseCallDelegate(CallService calls) {
        this.calls = calls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        calls.close((String) execution.getVariable("callId"));
    }
}
