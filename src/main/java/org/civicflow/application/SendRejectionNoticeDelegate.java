package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendRejectionNotice: 申报驳回通知书 (every rule broken and its fact); applicationStatus REJECTED. */
@Component("sendRejectionNoticeDelegate")
class SendRejectionNoticeDelegate implements JavaDelegate {

    private final ApplicationNotices notices;

    SendRejectionNoticeDelegate(ApplicationNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.reject(execution);
    }
}
