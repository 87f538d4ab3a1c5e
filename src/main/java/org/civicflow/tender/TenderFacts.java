package org.civicflow.tender;

import java.util.Date;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What tenderProcurement's model asks of a tender, read from its record (not from process variables, which a
 * task's user could have sent): {@code Timer_BidDeadline}'s due date, {@code Gateway_BidDeadlineReached}'s
 * answer by the engine clock, and the committee experts {@code Task_EvaluateBids} is offered to. Public, as the
 * model's expressions call its methods by reflection; the constructor stays package-private.
 */
@Component("tenderFacts")
public class TenderFacts {

    private final TenderService tenders;

    TenderFacts(TenderService tenders) {
        this.tenders = tenders;
    }

    public Date bidDeadline(String tenderId) {
        return Date.from(tenders.tender(tenderId).getBidDeadline());
    }

    public boolean bidDeadlineReached(String tenderId) {
        return tenders.bidDeadlineReached(tenderId);
    }

    public List<String> committeeExperts(String tenderId) {
        return tenders.tender(tenderId).committeeExperts();
    }
}
