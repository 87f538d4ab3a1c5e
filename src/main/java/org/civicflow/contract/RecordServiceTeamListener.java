package org.civicflow.contract;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.civicflow.contract.ServiceContract.Shortfall;
import org.springframework.stereotype.Component;

/**
 * Task_RegisterServiceTeam completed (end listener, so malformed input keeps the task open with a 400): the
 * team is checked against SZ-05; a team that falls short goes back to the provider with every shortfall.
 */
@Component("recordServiceTeamListener")
class RecordServiceTeamListener implements ExecutionListener {

    private final ContractService contracts;

    RecordServiceTeamListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        List<Shortfall> shortfalls = contracts.proposeTeam((String) execution.getVariable("contractNumber"),
                execution.getVariables());
        execution.setVariable("teamComplete", shortfalls.isEmpty());
        execution.setVariable("teamShortfalls", shortfalls.isEmpty() ? "" : "SZ-05");
        execution.setVariable("teamShortfallText", ContractText.fit(shortfalls.stream()
                .map(s -> s.ruleId() + "：" + s.fact()).collect(Collectors.joining("\n"))));
    }
}
