package org.civicflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendFundingNotice: 立项通知书 with FS-11's completion date and indicators; applicationStatus FUNDED. */
@Component("sendFundingNoticeDelegate")
class SendFundingNoticeDelegate implements JavaDelegate {

    private final ApplicationNotices notices;

    SendFundingNoticeDelegate(ApplicationNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.fund(execution);
    }
}
