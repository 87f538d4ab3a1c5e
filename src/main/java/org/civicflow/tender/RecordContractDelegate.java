package org.civicflow.tender;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordContract: the tender is signed; the contract number is the reference its contract process keeps. */
@Component("recordContractDelegate")
class RecordContractDelegate implements JavaDelegate {

    private final TenderService tenders;

    RecordContractDelegate(TenderService tenders) {
        this.tenders = tenders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String tenderId = (String) execution.getVariable("tenderId");
        tenders.signed(tenderId);
        execution.setVariable("contractNumber", "HT-" + tenderId);
        execution.setVariable("tenderStatus", TenderStatus.SIGNED.name());
    }
}
