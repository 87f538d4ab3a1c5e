package org.civicflow.tender;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.documents.DocumentService;
import org.civicflow.documents.ProcessRef;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/** Task_PublishTenderNotice: renders and archives the 招标公告 with the qualification requirements. */
@Component("publishTenderNoticeDelegate")
class PublishTenderNoticeDelegate implements JavaDelegate {

    private final TenderService tenders;
    private final RegistryService registry;
    private final DocumentService documents;

    PublishTenderNoticeDelegate(TenderService tenders, RegistryService registry, DocumentService documents) {
        this.tenders = tenders;
        this.registry = registry;
        this.documents = documents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Tender tender = tenders.tender((String) execution.getVariable("tenderId"));
        String id = documents.archive("TENDER_NOTICE", "tender-notice", tender.getUnitName() + "招标公告",
                ProcessRef.of(execution), Map.of(
                        "tender", tender,
                        "policy", registry.policy(tender.getPolicyCode()),
                        "evaluator", tender.getKind() == TenderKind.EVALUATOR,
                        "issuedAt", ShanghaiTime.chinese(tender.getTenderIssuedAt()),
                        "bidDeadline", ShanghaiTime.chinese(tender.getBidDeadline()),
                        "teamFormationDeadline", ShanghaiTime.chineseDeadline(tender.getTeamFormationDeadline()),
                        "totalBudget", tender.totalBudget()));
        execution.setVariable("tenderNoticeDocumentId", id);
    }
}
