package org.civicflow.tender;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_OfferNextRanked: LAW-05 — the contract goes to the next-ranked qualified bidder, if there is one. */
@Component("offerNextRankedDelegate")
class OfferNextRankedDelegate implements JavaDelegate {

    private final TenderService tenders;

    OfferNextRankedDelegate(TenderService tenders) {
        this.tenders = tenders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<String> next = tenders.offerNextRanked((String) execution.getVariable("tenderId"));
        execution.setVariable("nextRankedAvailable", next.isPresent());
        next.ifPresent(code -> execution.setVariable("winningOrganizationCode", code));
    }
}
