package org.civicflow.tender;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.system.ShanghaiTime;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.springframework.stereotype.Component;

/** Task_OpenTender: records the tender; LAW-02 and SZ-12 decide whether it may go ahead. */
@Component("openTenderDelegate")
class OpenTenderDelegate implements JavaDelegate {

    private final TenderService tenders;
    private final Authorizations authorizations;

    OpenTenderDelegate(TenderService tenders, Authorizations authorizations) {
        this.tenders = tenders;
        this.authorizations = authorizations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // tender notices are public; the agency runs the tender. Bidders get the instance's history (tasks with their
        // candidates and assignees: the committee) only once the award is announced (招标投标法 第三十七条)
        authorizations.grantRunningInstanceRead(Groups.PROVIDER, execution.getProcessInstanceId());
        authorizations.grantInstanceRead(Groups.AGENCY, execution.getProcessInstanceId());
        Tender tender = tenders.open(execution.getVariables(), execution.getProcessInstanceId());
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(tender.getUnitCode());
        }
        execution.setVariable("tenderId", tender.getTenderId());
        execution.setVariable("tenderKind", tender.getKind().name());
        execution.setVariable("bidDeadline", ShanghaiTime.iso(tender.getBidDeadline()));
        execution.setVariable("tenderIssuedAt", ShanghaiTime.iso(tender.getTenderIssuedAt()));
        execution.setVariable("teamFormationDeadline", ShanghaiTime.iso(tender.getTeamFormationDeadline()));
        execution.setVariable("ruleViolations", tender.getRuleViolations());
        execution.setVariable("tenderValid", tender.getViolations().isEmpty());
    }
}
