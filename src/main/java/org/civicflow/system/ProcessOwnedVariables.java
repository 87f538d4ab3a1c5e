package org.civicflow.system;

import java.util.Set;

/**
 * Variables the processes keep for themselves: references to their business data, the groups their tasks go to,
 * what their delegates decided and the deadlines their timers read. No task form writes them (forms show some
 * read-only); {@link VariableInputGuardFilter} refuses a task request that would change one.
 */
final class ProcessOwnedVariables {

    static final Set<String> NAMES = Set.of(
            // references to the business data
            "applicationId", "callId", "contractNumber", "tenderId", "unitCode", "organizationCode", "policyCode",
            // who works on the tasks
            "organizationGroup", "streetGroup", "communityGroup", "reviewers", "reviewer",
            // what the delegates decided
            "eligible", "jointApplication", "ruleViolations", "applicationStatus", "submittedAt", "tenderStatus",
            "tenderValid", "contractKind", "contractStatus", "teamRequired", "teamComplete", "reportCount",
            "reportSequence", "contractYear", "yearEnd", "evaluationDeductions", "completionShortfalls", "paymentAmount",
            // the deadlines timers and due dates read
            "submissionDeadline", "completionDeadline", "bidDeadline", "signingDeadline", "evaluationDueDate",
            "teamFormationDeadline", "teamDeductionAt", "teamSanctionAt", "reportDueAt", "reportFollowUpAt",
            // Camunda's own multi-instance counters
            "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");

    private ProcessOwnedVariables() {
    }

    /** Also every archived notice's reference ({@code …DocumentId}). */
    static boolean contains(String name) {
        return NAMES.contains(name) || name.endsWith("DocumentId");
    }
}
