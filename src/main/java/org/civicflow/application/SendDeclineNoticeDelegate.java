package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendDeclineNotice: 未立项通知书; applicationStatus DECLINED. */
@Component("sendDeclineNoticeDelegate")
class SendDeclineNoticeDelegate implements JavaDelegate {

    private final ApplicationNotices notices;

    SendDeclineNoticeDelegate(ApplicationNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.decline(execution);
    }
}
