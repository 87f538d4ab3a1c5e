package org.civicflow.tender;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.contract.ContractKind;
import org.civicflow.contract.ContractService;
import org.civicflow.contract.ContractTerms;
import org.civicflow.system.UnitGroups;
import org.springframework.stereotype.Component;

/**
 * Task_RecordContract: the tender is signed. A street's service package becomes a service contract at the
 * winning bid's amount (its serviceContract instance follows); the evaluator's contract is only recorded.
 */
@Component("recordContractDelegate")
class RecordContractDelegate implements JavaDelegate {

    private final TenderService tenders;
    private final ContractService contracts;
    private final UnitGroups unitGroups;

    RecordContractDelegate(TenderService tenders, ContractService contracts, UnitGroups unitGroups) {
        this.unitGroups = unitGroups;
        this.tenders = tenders;
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String tenderId = (String) execution.getVariable("tenderId");
        tenders.signed(tenderId);
        Tender tender = tenders.tender(tenderId);
        String contractNumber = tender.contractNumber();
        if (tender.getKind() == TenderKind.SERVICE_UNIT) {
            // normally made when the tender opened; a tender opened before the unit groups existed gets them here
            unitGroups.ensure(tender.getUnitCode(), tender.getUnitName());
            BigDecimal amount = tenders.bids(tender).stream()
                    .filter(b -> b.getOrganizationCode().equals(tender.getWinningOrg())).findFirst()
                    .orElseThrow().getAmount();
            contracts.register(new ContractTerms(contractNumber, ContractKind.PILOT_UNIT, tender.getPolicyCode(),
                    tender.getWinningOrg(), tender.getUnitName() + "社区服务社会化项目", tenderId, amount,
                    tender.getServiceStart(), tender.getServiceStart().plusYears(tender.getServiceYears()).minusDays(1),
                    tender.getTeamFormationDeadline(), tender.getCommunities(), null, null, null, tender.getUnitCode()));
        }
        execution.setVariable("contractNumber", contractNumber);
        execution.setVariable("tenderStatus", TenderStatus.SIGNED.name());
    }
}
