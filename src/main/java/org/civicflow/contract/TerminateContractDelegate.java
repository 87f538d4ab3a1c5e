package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_TerminateContract: SZ-06 TERMINATE — contract ended, 政府采购不良记录 written, notice archived. */
@Component("terminateContractDelegate")
class TerminateContractDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final ContractNotices notices;

    TerminateContractDelegate(ContractService contracts, ContractNotices notices) {
        this.contracts = contracts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        ContractPenalty penalty = contracts.terminate(number, (String) execution.getVariable("sanctionReason"));
        ServiceContract contract = contracts.contract(number);
        execution.setVariable("sanctionNoticeDocumentId", notices.penalty(execution, contract, penalty));
        execution.setVariable("contractStatus", contract.getStatus().name());
    }
}
