package org.civicflow.call;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.documents.DocumentService;
import org.civicflow.documents.ProcessRef;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/** Task_PublishCallNotice: renders and archives the 征集公告 with the 项目指引一览表. */
@Component("publishCallNoticeDelegate")
class PublishCallNoticeDelegate implements JavaDelegate {

    static final String KIND = "CALL_NOTICE";

    private final CallService calls;
    private final DocumentService documents;

    PublishCallNoticeDelegate(CallService calls, DocumentService documents) {
        this.calls = calls;
        this.documents = documents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CallRound call = calls.call((String) execution.getVariable("callId"));
        String id = documents.archive(KIND, "call-notice", call.getTitle() + "公告", ProcessRef.of(execution), Map.of(
                "call", call,
                "submissionDeadline", ShanghaiTime.chineseDeadline(call.getSubmissionDeadline()),
                "completionDeadline", ShanghaiTime.chineseDeadline(call.getCompletionDeadline()),
                "catalog", calls.catalog(call.getPolicyCode())));
        execution.setVariable("callNoticeDocumentId", id);
    }
}
