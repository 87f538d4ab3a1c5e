package org.civicflow.tender;

import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Earlier versions let every provider read each tender's history from its start, and with it the evaluation
 * committee (the candidates and assignees of its tasks, submitted form fields) before the award. Now the history
 * is granted with the award notice or the failure notice; this takes it back from tenders not decided yet.
 */
@Component
@Order(20)
class TenderHistoryAccessUpgrade implements ApplicationRunner {

    private final TenderService tenders;
    private final Authorizations authorizations;

    TenderHistoryAccessUpgrade(TenderService tenders, Authorizations authorizations) {
        this.tenders = tenders;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Tender tender : tenders.all()) {
            if (tender.getStatus() == TenderStatus.OPEN || tender.getStatus() == TenderStatus.EVALUATING) {
                authorizations.revokeGroup(Groups.PROVIDER, Resources.HISTORIC_PROCESS_INSTANCE,
                        tender.getProcessInstanceId(), HistoricProcessInstancePermissions.READ);
            }
        }
    }
}
