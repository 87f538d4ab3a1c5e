package org.civicflow.contract;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_IssueAcceptanceReport: the 结项评估报告 with every shortfall and its rule id, archived. */
@Component("issueAcceptanceReportDelegate")
class IssueAcceptanceReportDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final AcceptanceTargets targets;
    private final ContractNotices notices;

    IssueAcceptanceReportDelegate(ContractService contracts, AcceptanceTargets targets, ContractNotices notices) {
        this.contracts = contracts;
        this.targets = targets;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        ServiceContract contract = contracts.contract(number);
        List<String> summary = new ArrayList<>(targets.check(contract, contracts.reports(number),
                contracts.policy(contract)).summary());
        contract.getShortfalls().stream().filter(s -> s.fact().startsWith("项目评估指标"))
                .forEach(s -> summary.add("✗ " + s.ruleId() + " " + s.fact()));
        execution.setVariable("acceptanceReportDocumentId", notices.acceptance(execution, contract, summary));
    }
}
