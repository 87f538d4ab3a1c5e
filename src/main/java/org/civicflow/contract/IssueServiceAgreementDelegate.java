package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_IssueServiceAgreement: the 服务委托书 (SZ-16) archived with the instance. */
@Component("issueServiceAgreementDelegate")
class IssueServiceAgreementDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final ContractNotices notices;

    IssueServiceAgreementDelegate(ContractService contracts, ContractNotices notices) {
        this.contracts = contracts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceContract contract = contracts.contract((String) execution.getVariable("contractNumber"));
        execution.setVariable("serviceAgreementDocumentId", notices.agreement(execution, contract));
    }
}
