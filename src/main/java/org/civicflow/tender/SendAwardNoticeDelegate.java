package org.civicflow.tender;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.documents.DocumentService;
import org.civicflow.documents.ProcessRef;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.ShanghaiTime;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.springframework.stereotype.Component;

/** Task_SendAwardNotice: 中标通知书; LAW-01 — the contract is signed within 30 days (policy) of it. */
@Component("sendAwardNoticeDelegate")
class SendAwardNoticeDelegate implements JavaDelegate {

    private final TenderService tenders;
    private final RegistryService registry;
    private final DocumentService documents;
    private final Authorizations authorizations;

    SendAwardNoticeDelegate(TenderService tenders, RegistryService registry, DocumentService documents,
                            Authorizations authorizations) {
        this.tenders = tenders;
        this.registry = registry;
        this.documents = documents;
        this.authorizations = authorizations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Tender tender = tenders.tender((String) execution.getVariable("tenderId"));
        Instant noticeAt = ShanghaiTime.now();
        int days = registry.policy(tender.getPolicyCode()).intThreshold("contractSigningDays");
        Instant signingDeadline = noticeAt.plus(Duration.ofDays(days));
        Bid winner = tenders.bids(tender).stream()
                .filter(b -> b.getOrganizationCode().equals(tender.getWinningOrg())).findFirst().orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("tender", tender);
        model.put("winner", winner);
        model.put("winnerName", registry.findOrganization(winner.getOrganizationCode()).map(o -> o.getName())
                .orElse(winner.getOrganizationCode()));
        model.put("signingDays", days);
        model.put("signingDeadline", ShanghaiTime.chinese(signingDeadline));
        String id = documents.archive("AWARD_NOTICE", "award-notice", "中标通知书", ProcessRef.of(execution), model);
        execution.setVariable("awardNoticeDocumentId", id);
        // the result is announced: from now on bidders may read the tender's history too (the committee included)
        authorizations.grantHistoricInstanceRead(Groups.PROVIDER, execution.getProcessInstanceId());
        execution.setVariable("winningOrganizationCode", tender.getWinningOrg());
        execution.setVariable("awardNoticeAt", ShanghaiTime.iso(noticeAt));
        execution.setVariable("signingDeadline", ShanghaiTime.iso(signingDeadline));
    }
}
