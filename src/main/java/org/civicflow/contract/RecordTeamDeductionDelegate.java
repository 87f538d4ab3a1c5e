package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordTeamDeduction: SZ-06, the team is more than 15 days late — points deducted, notice archived. */
@Component("recordTeamDeductionDelegate")
class RecordTeamDeductionDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final ContractNotices notices;

    RecordTeamDeductionDelegate(ContractService contracts, ContractNotices notices) {
        this.contracts = contracts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        ContractPenalty penalty = contracts.deduct(number);
        ServiceContract contract = contracts.contract(number);
        execution.setVariable("deductionNoticeDocumentId", notices.penalty(execution, contract, penalty));
        execution.setVariable("evaluationDeductions", contract.getEvaluationDeductions());
    }
}
