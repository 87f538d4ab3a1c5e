package org.civicflow.contract;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CalculatePayment: SZ-13's {@link PaymentFormula} with the DMN score factor; payment order archived. */
@Component("calculatePaymentDelegate")
class CalculatePaymentDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final ContractNotices notices;

    CalculatePaymentDelegate(ContractService contracts, ContractNotices notices) {
        this.contracts = contracts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        BigDecimal factor = new BigDecimal(execution.getVariable("scoreFactor").toString());
        PaymentFormula.Payment payment = contracts.pay(number, factor);
        execution.setVariable("paymentAmount", payment.amount().doubleValue());
        execution.setVariable("paymentOrderDocumentId", notices.payment(execution, contracts.contract(number), payment));
    }
}
