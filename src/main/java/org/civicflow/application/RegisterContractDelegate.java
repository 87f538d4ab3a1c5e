package org.civicflow.application;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.call.CallRound;
import org.civicflow.call.CallService;
import org.civicflow.call.CatalogItem;
import org.civicflow.contract.ContractKind;
import org.civicflow.contract.ContractService;
import org.civicflow.contract.ContractTerms;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Task_RegisterContract: a funded project becomes a contract for the granted amount, to be completed by the
 * call's completion date and accepted against its catalog item's indicators (FS-11).
 */
@Component("registerContractDelegate")
class RegisterContractDelegate implements JavaDelegate {

    private final ApplicationService applications;
    private final CallService calls;
    private final ContractService contracts;

    RegisterContractDelegate(ApplicationService applications, CallService calls, ContractService contracts) {
        this.applications = applications;
        this.calls = calls;
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProjectApplication application = applications.application((String) execution.getVariable("applicationId"));
        CallRound call = calls.call(application.getCallId());
        // the completion deadline is an instant (2020-12-11T00:00+08:00 = 2020年12月10日24时): its day before
        LocalDate completion = LocalDate.ofInstant(call.getCompletionDeadline().minusNanos(1), ShanghaiTime.ZONE);
        LocalDate start = ShanghaiTime.today().isAfter(completion) ? completion : ShanghaiTime.today();
        String indicators = calls.catalogItem(call.getPolicyCode(), application.getCatalogCode())
                .map(CatalogItem::getIndicators).orElse(null);
        String contractNumber = "HT-" + application.getApplicationId();
        contracts.register(new ContractTerms(contractNumber, ContractKind.FUNDED_PROJECT, call.getPolicyCode(),
                application.getOrganizationCode(), application.getProjectTitle(), application.getApplicationId(),
                application.getGrantedAmount(), start, completion, null, List.of(), application.getCatalogCode(),
                indicators, application.getMinBeneficiaries(), null));
        execution.setVariable("contractNumber", contractNumber);
    }
}
