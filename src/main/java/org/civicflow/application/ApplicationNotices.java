package org.civicflow.application;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.civicflow.call.CallRound;
import org.civicflow.call.CallService;
import org.civicflow.documents.DocumentService;
import org.civicflow.documents.ProcessRef;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/** The notices an applicant receives, and the outcome variables that go with them. */
@Component
class ApplicationNotices {

    private final ApplicationService applications;
    private final CallService calls;
    private final RegistryService registry;
    private final DocumentService documents;

    ApplicationNotices(ApplicationService applications, CallService calls, RegistryService registry,
                       DocumentService documents) {
        this.applications = applications;
        this.calls = calls;
        this.registry = registry;
        this.documents = documents;
    }

    /** 申报驳回通知书: every rule broken, its wording and the fact behind it. */
    void reject(DelegateExecution execution) {
        ProjectApplication application = application(execution);
        List<Map<String, String>> reasons = application.getViolations().stream()
                .map(v -> Map.of("ruleId", v.ruleId(), "rule", FangshanRule.byId(v.ruleId()).text(), "fact", v.fact()))
                .toList();
        Map<String, Object> model = model(application);
        model.put("reasons", reasons);
        archive(execution, "REJECTION_NOTICE", "rejection-notice", "申报驳回通知书", model, "rejectionNoticeDocumentId");
        outcome(execution, application);
    }

    /** 未立项通知书. */
    void decline(DelegateExecution execution) {
        ProjectApplication application = application(execution);
        archive(execution, "DECLINE_NOTICE", "decline-notice", "项目未立项通知书", model(application),
                "declineNoticeDocumentId");
        outcome(execution, application);
    }

    /** 立项通知书, with FS-11's completion date and the catalog item's evaluation indicators. */
    void fund(DelegateExecution execution) {
        ProjectApplication application = application(execution);
        Map<String, Object> model = model(application);
        CallRound call = calls.call(application.getCallId());
        model.put("completionDeadline", ShanghaiTime.chineseDeadline(call.getCompletionDeadline()));
        model.put("indicators", calls.catalogItem(call.getPolicyCode(), application.getCatalogCode())
                .map(item -> item.indicatorList()).orElse(List.of()));
        archive(execution, "FUNDING_NOTICE", "funding-notice", "项目立项通知书", model, "fundingNoticeDocumentId");
        execution.setVariable("grantedAmount", application.getGrantedAmount().doubleValue());
        execution.setVariable("completionDeadline", ShanghaiTime.iso(call.getCompletionDeadline()));
        outcome(execution, application);
    }

    private ProjectApplication application(DelegateExecution execution) {
        return applications.application((String) execution.getVariable("applicationId"));
    }

    private Map<String, Object> model(ProjectApplication application) {
        CallRound call = calls.call(application.getCallId());
        Map<String, Object> model = new HashMap<>();
        model.put("application", application);
        model.put("call", call);
        model.put("organizationName", registry.findOrganization(application.getOrganizationCode())
                .map(o -> o.getName()).orElse(application.getOrganizationCode()));
        model.put("submittedAt", ShanghaiTime.chinese(application.getSubmittedAt()));
        model.put("catalogName", calls.catalogItem(call.getPolicyCode(), application.getCatalogCode())
                .map(item -> item.getCode() + " " + item.getName()).orElse(application.getCatalogCode()));
        return model;
    }

    private void archive(DelegateExecution execution, String kind, String template, String title,
                         Map<String, Object> model, String variable) {
        String id = documents.archive(kind, template, title, ProcessRef.of(execution), model);
        execution.setVariable(variable, id);
    }

    private static void outcome(DelegateExecution execution, ProjectApplication application) {
        execution.setVariable("applicationStatus", application.getStatus().name());
        execution.setVariable("ruleViolations", application.getRuleViolations());
    }
}
