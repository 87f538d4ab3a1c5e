package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Task_RequestQuarterlyReport: a reporting period has ended; its report is opened with a due date (SZ-07).
 * The variables are local to this period's iteration, so each quarter's form shows its own period.
 */
@Component("requestQuarterlyReportDelegate")
class RequestQuarterlyReportDelegate implements JavaDelegate {

    private final ContractService contracts;

    RequestQuarterlyReportDelegate(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        int sequence = (Integer) execution.getVariable("loopCounter") + 1;
        ServiceContract contract = contracts.contract(number);
        QuarterlyReport report = contracts.openReport(number, sequence);
        ReportingPeriod period = contracts.period(number, sequence);
        execution.setVariableLocal("reportSequence", sequence);
        execution.setVariableLocal("contractYear", report.getContractYear());
        execution.setVariableLocal("reportDueAt", ShanghaiTime.iso(report.getDueAt()));
        execution.setVariableLocal("reportPeriodText", "第" + sequence + "期：" + ContractNotices.periodText(report));
        // Tasklist's follow-up: five days before the report is due
        execution.setVariableLocal("reportFollowUpAt", ShanghaiTime.iso(report.getDueAt().minus(java.time.Duration.ofDays(5))));
        execution.setVariableLocal("reportDueText", ShanghaiTime.chineseDeadline(report.getDueAt()));
        // SZ-09: the annual assessment follows the period that closes a contract year (苏州 units)
        execution.setVariableLocal("yearEnd", period.yearEnd() && contract.getKind() == ContractKind.PILOT_UNIT);
        if (contract.getKind() == ContractKind.PILOT_UNIT) {
            execution.setVariableLocal("communityFigures", contracts.communityTemplate(contract));
        }
    }
}
