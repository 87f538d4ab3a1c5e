package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_ReviewFinalAcceptance completed: the evaluator's verdict, refused (400, acceptancePassed) while a
 * target is missed; sets the outcome variables and the score the payment table reads.
 */
@Component("recordAcceptanceReviewListener")
class RecordAcceptanceReviewListener implements ExecutionListener {

    private final ContractService contracts;

    RecordAcceptanceReviewListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        ServiceContract contract = contracts.review((String) execution.getVariable("contractNumber"),
                execution.getVariables());
        execution.setVariable("acceptancePassed", contract.getAcceptancePassed());
        execution.setVariable("completionShortfalls", contract.getCompletionShortfalls());
        execution.setVariable("effectiveScore", PaymentFormula.effectiveScore(contract.getFinalScore(),
                contract.getEvaluationDeductions()).doubleValue());
        execution.setVariable("contractStatus", contract.getStatus().name());
    }
}
