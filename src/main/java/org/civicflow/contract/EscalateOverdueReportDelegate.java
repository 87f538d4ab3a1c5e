package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_EscalateOverdueReport: the report's due date passed — recorded, and the street gets a notice (SZ-07). */
@Component("escalateOverdueReportDelegate")
class EscalateOverdueReportDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final ContractNotices notices;

    EscalateOverdueReportDelegate(ContractService contracts, ContractNotices notices) {
        this.contracts = contracts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        QuarterlyReport report = contracts.escalate(number, (Integer) execution.getVariable("reportSequence"));
        execution.setVariableLocal("overdueNoticeDocumentId",
                notices.overdueReport(execution, contracts.contract(number), report));
    }
}
