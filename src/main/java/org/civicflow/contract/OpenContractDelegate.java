package org.civicflow.contract;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Task_OpenContract: links the registered contract to this instance, lets the contractor, the street, the
 * communities and the evaluator see it, and sets the variables the model's timers and forms read.
 */
@Component("openContractDelegate")
class OpenContractDelegate implements JavaDelegate {

    private final ContractService contracts;
    private final Authorizations authorizations;

    OpenContractDelegate(ContractService contracts, Authorizations authorizations) {
        this.contracts = contracts;
        this.authorizations = authorizations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        ServiceContract contract = contracts.start(number, execution.getProcessInstanceId());
        String instance = execution.getProcessInstanceId();
        authorizations.grantInstanceRead(Groups.organization(contract.getOrganizationCode()), instance);
        authorizations.grantInstanceRead(Groups.EVALUATOR, instance);
        if (contract.getKind() == ContractKind.PILOT_UNIT) {
            // the unit's own street and communities, not every street of the pilot
            String street = Groups.street(contract.getUnitCode());
            String community = Groups.community(contract.getUnitCode());
            authorizations.grantInstanceRead(street, instance);
            authorizations.grantInstanceRead(community, instance);
            execution.setVariable("streetGroup", street);
            execution.setVariable("communityGroup", community);
        }
        execution.setVariable("contractKind", contract.getKind().name());
        execution.setVariable("contractStatus", contract.getStatus().name());
        execution.setVariable("contractTitle", contract.getTitle());
        execution.setVariable("organizationCode", contract.getOrganizationCode());
        execution.setVariable("organizationName", contracts.organizationName(contract));
        execution.setVariable("organizationGroup", Groups.organization(contract.getOrganizationCode()));
        execution.setVariable("contractAmount", contract.getOriginalAmount().doubleValue());
        execution.setVariable("evaluationDeductions", 0);
        execution.setVariable("reportCount", contracts.periods(number).size());
        execution.setVariable("teamRequired", contract.requiresTeam());
        if (contract.requiresTeam()) {
            RoundPolicy policy = contracts.policy(contract);
            var deadline = contract.getTeamFormationDeadline();
            execution.setVariable("teamFormationDeadline", ShanghaiTime.iso(deadline));
            execution.setVariable("teamFormationDeadlineText", ShanghaiTime.chineseDeadline(deadline));
            execution.setVariable("teamDeductionAt", ShanghaiTime.iso(deadline.plus(
                    java.time.Duration.ofDays(policy.intThreshold("deductionAfterDaysLate")))));
            execution.setVariable("teamSanctionAt", ShanghaiTime.iso(deadline.plus(
                    java.time.Duration.ofDays(policy.intThreshold("sanctionAfterDaysLate")))));
            execution.setVariable("availableStaff", ContractText.fit(contracts.staffList(contract)));
            execution.setVariable("serviceItemMenu", contracts.serviceItemMenu(contract));
            execution.setVariable("communitiesText", String.join("、", contract.getCommunities()));
        }
    }
}
