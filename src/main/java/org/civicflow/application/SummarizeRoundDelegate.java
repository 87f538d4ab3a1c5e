package org.civicflow.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.call.CallRound;
import org.civicflow.call.CallService;
import org.civicflow.documents.DocumentService;
import org.civicflow.documents.ProcessRef;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Task_SummarizeRound (callForProposals, at the completion date): how many applied, were rejected
 * (by rule id), declined, funded and accepted — accepted meaning the registry holds a passed final
 * acceptance for the funded project — archived as the round's summary; the call is completed.
 */
@Component("summarizeRoundDelegate")
class SummarizeRoundDelegate implements JavaDelegate {

    private final ApplicationService applications;
    private final CallService calls;
    private final RegistryService registry;
    private final DocumentService documents;

    SummarizeRoundDelegate(ApplicationService applications, CallService calls, RegistryService registry,
                           DocumentService documents) {
        this.applications = applications;
        this.calls = calls;
        this.registry = registry;
        this.documents = documents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CallRound call = calls.call((String) execution.getVariable("callId"));
        List<ProjectApplication> all = applications.ofCall(call.getCallId());
        Map<String, Integer> byRule = new TreeMap<>();
        all.stream().filter(a -> a.getStatus() == ApplicationStatus.REJECTED)
                .forEach(a -> a.getViolations().stream().map(ProjectApplication.Violation::ruleId).distinct()
                        .forEach(rule -> byRule.merge(rule, 1, Integer::sum)));
        List<ProjectApplication> funded = all.stream().filter(a -> a.getStatus() == ApplicationStatus.FUNDED).toList();
        long accepted = funded.stream().filter(a -> passedFinalAcceptance(a, call)).count();

        Map<String, Object> model = new HashMap<>();
        model.put("call", call);
        model.put("submissionDeadline", ShanghaiTime.chineseDeadline(call.getSubmissionDeadline()));
        model.put("completionDeadline", ShanghaiTime.chineseDeadline(call.getCompletionDeadline()));
        model.put("applied", all.size());
        model.put("rejected", count(all, ApplicationStatus.REJECTED));
        model.put("declined", count(all, ApplicationStatus.DECLINED));
        model.put("funded", funded.size());
        model.put("accepted", accepted);
        model.put("inProgress", count(all, ApplicationStatus.SUBMITTED) + count(all, ApplicationStatus.IN_REVIEW));
        model.put("grantedTotal", funded.stream().map(ProjectApplication::getGrantedAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString());
        model.put("rejectionsByRule", byRule.entrySet().stream().map(e -> Map.of("ruleId", e.getKey(),
                "rule", FangshanRule.byId(e.getKey()).text(), "count", e.getValue())).toList());
        String id = documents.archive("ROUND_SUMMARY", "round-summary", call.getTitle() + "结果汇总",
                ProcessRef.of(execution), model);
        calls.complete(call.getCallId());

        execution.setVariable("summaryDocumentId", id);
        execution.setVariable("applicationsReceived", all.size());
        execution.setVariable("applicationsRejected", count(all, ApplicationStatus.REJECTED));
        execution.setVariable("applicationsFunded", funded.size());
        execution.setVariable("projectsAccepted", accepted);
        execution.setVariable("rejectionsByRule", byRule.toString());
    }

    /** A passed outcome of the same project, recorded for a year of this round (not an earlier namesake). */
    private boolean passedFinalAcceptance(ProjectApplication application, CallRound call) {
        int from = LocalDate.ofInstant(call.getOpenedAt(), ShanghaiTime.ZONE).getYear();
        int to = LocalDate.ofInstant(call.getCompletionDeadline(), ShanghaiTime.ZONE).getYear();
        return registry.findOrganization(application.getOrganizationCode()).stream()
                .flatMap(o -> o.getProjectOutcomes().stream())
                .anyMatch(o -> o.isAcceptancePassed() && o.getProjectName().equals(application.getProjectTitle())
                        && o.getYear() >= from && o.getYear() <= to);
    }

    private static long count(List<ProjectApplication> all, ApplicationStatus status) {
        return all.stream().filter(a -> a.getStatus() == status).count();
    }
}
