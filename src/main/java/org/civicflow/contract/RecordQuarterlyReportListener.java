package org.civicflow.contract;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_SubmitQuarterlyReport completed: the figures go to the report row (not to process variables, which
 * are cleared so that the next quarter's form starts empty); bad figures keep the task open with a 400.
 */
@Component("recordQuarterlyReportListener")
class RecordQuarterlyReportListener implements ExecutionListener {

    static final List<String> FIGURES = List.of("personsServed", "caseServed", "servedFromStreetList",
            "populationCategories", "trainingSessions", "trainingHours", "streetMeetings", "communityMeetings",
            "communityFigures", "completedOn", "reportSummary");

    private final ContractService contracts;

    RecordQuarterlyReportListener(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        QuarterlyReport report = contracts.submitReport((String) execution.getVariable("contractNumber"),
                (Integer) execution.getVariable("reportSequence"), execution.getVariables());
        FIGURES.forEach(execution::removeVariable);
        execution.setVariable("lastReportLate", report.isLate());
    }
}
