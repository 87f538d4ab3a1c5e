package org.civicflow.tender;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.documents.DocumentService;
import org.civicflow.documents.ProcessRef;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.springframework.stereotype.Component;

/** Task_SendTenderFailedNotice: 废标/流标公告 with the reason; the bureau may tender the unit again. */
@Component("sendTenderFailedNoticeDelegate")
class SendTenderFailedNoticeDelegate implements JavaDelegate {

    private final TenderService tenders;
    private final DocumentService documents;
    private final Authorizations authorizations;

    SendTenderFailedNoticeDelegate(TenderService tenders, DocumentService documents,
                                   Authorizations authorizations) {
        this.tenders = tenders;
        this.documents = documents;
        this.authorizations = authorizations;
    }

    /** Why the tender ends: its own data broke rules, no bid qualified, the bureau re-tenders, or nobody is left to sign. */
    static String reason(Tender tender, DelegateExecution execution) {
        if (!tender.getViolations().isEmpty()) {
            return "RULES";
        }
        if (tender.getWinningOrg() == null) {
            return "NO_QUALIFIED_BID";
        }
        return Boolean.FALSE.equals(execution.getVariable("offerNextRanked")) ? "RETENDER" : "NO_NEXT_RANKED";
    }

    @Override
    public void execute(DelegateExecution execution) {
        String tenderId = (String) execution.getVariable("tenderId");
        tenders.failed(tenderId);
        Tender tender = tenders.tender(tenderId);
        Map<String, Object> model = new HashMap<>();
        model.put("tender", tender);
        model.put("bids", tenders.bids(tender));
        model.put("reason", reason(tender, execution));
        String id = documents.archive("TENDER_FAILED_NOTICE", "tender-failed-notice", tender.getUnitName() + "废标公告",
                ProcessRef.of(execution), model);
        execution.setVariable("tenderFailedNoticeDocumentId", id);
        // the tender has ended: bidders may read its history (there was no committee, or its result was announced)
        authorizations.grantHistoricInstanceRead(Groups.PROVIDER, execution.getProcessInstanceId());
        execution.setVariable("tenderStatus", tender.getStatus().name());
    }
}
