package org.civicflow.tender;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Task_OpenBids (at the bid deadline): checks every bidder's qualification from registry facts.
 * Only counts go into process variables; amounts stay in the bid table.
 */
@Component("openBidsDelegate")
class OpenBidsDelegate implements JavaDelegate {

    /** Without a policy date, the committee has a week after the bid deadline. */
    static final Duration DEFAULT_EVALUATION_PERIOD = Duration.ofDays(7);

    private final TenderService tenders;
    private final RegistryService registry;

    OpenBidsDelegate(TenderService tenders, RegistryService registry) {
        this.tenders = tenders;
        this.registry = registry;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String tenderId = (String) execution.getVariable("tenderId");
        long qualified = tenders.openBids(tenderId);
        Tender tender = tenders.tender(tenderId);
        Instant policyDue = registry.policy(tender.getPolicyCode()).getTenderCompletedBy();
        Instant due = policyDue != null && policyDue.isAfter(tender.getBidDeadline()) ? policyDue
                : tender.getBidDeadline().plus(DEFAULT_EVALUATION_PERIOD);
        execution.setVariable("bidCount", tenders.bids(tender).size());
        execution.setVariable("qualifiedBidCount", (int) qualified);
        execution.setVariable("evaluationDueDate", ShanghaiTime.iso(due));
    }
}
