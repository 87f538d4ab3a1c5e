package org.civicflow.contract;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckAcceptanceTargets: the end of service — the reported figures against SZ-08, SZ-10, SZ-11, SZ-12
 * (苏州) or FS-11 (房山); the evaluator's form shows every shortfall and the annual assessments.
 */
@Component("checkAcceptanceTargetsDelegate")
class CheckAcceptanceTargetsDelegate implements JavaDelegate {

    private final ContractService contracts;

    CheckAcceptanceTargetsDelegate(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = (String) execution.getVariable("contractNumber");
        AcceptanceTargets.Result result = contracts.checkTargets(number);
        ServiceContract contract = contracts.contract(number);
        execution.setVariable("completionShortfalls", contract.getCompletionShortfalls());
        execution.setVariable("completionShortfallText", ContractText.fit(result.shortfalls().stream()
                .map(s -> s.ruleId() + "：" + s.fact()).collect(Collectors.joining("\n"))));
        execution.setVariable("targetSummary", ContractText.fit(String.join("\n", result.summary())));
        execution.setVariable("annualAssessmentSummary", ContractText.fit(contracts.assessments(number).stream()
                .map(a -> "第" + a.getContractYear() + "年度 " + ("street".equals(a.getAssessorGroup()) ? "街道" : "社区")
                        + "：进度" + a.getProgressScore() + "，成效" + a.getEffectScore() + "，满意度"
                        + a.getSatisfactionScore() + "（" + a.getComment() + "）")
                .collect(Collectors.joining("\n"))));
        List<String> indicators = contract.indicatorList();
        execution.setVariable("catalogIndicators", ContractText.fit(IntStream.range(0, indicators.size())
                .mapToObj(i -> (i + 1) + ". " + indicators.get(i)).collect(Collectors.joining("\n"))));
        execution.setVariable("evaluationDeductions", contract.getEvaluationDeductions());
    }
}
