package org.civicflow.tender;

import java.util.List;
import java.util.Set;

/**
 * What the evaluation committee's tasks are completed with and bidders must not learn before the award (招标投标法
 * 第三十七条: the committee's members stay confidential until the result is determined). Tasklist and the REST API
 * send these as transient variables; the listeners record them in the {@link Tender} and remove them from the
 * instance, so nothing downstream reads them as process variables, and {@link ConfidentialInputVariables} keeps
 * them out of the history whichever way they arrived.
 */
final class ConfidentialInput {

    /** Task_SetUpEvaluationCommittee: who sits on the committee. */
    static final List<String> COMMITTEE = List.of("committeeExperts", "committeeRepresentatives");
    /** Task_EvaluateBids: the committee's result. */
    static final List<String> EVALUATION = List.of("winningOrganizationCode", "ranking", "evaluationReport");

    /**
     * What never enters the history as a variable. {@code winningOrganizationCode} is left out: after the award
     * the award notice sets it again from the tender, and from then on it is public.
     */
    static final Set<String> NEVER_IN_VARIABLE_HISTORY = Set.of("committeeExperts", "committeeRepresentatives",
            "ranking", "evaluationReport");

    static final String PROCESS_DEFINITION_KEY = "tenderProcurement";

    private ConfidentialInput() {
    }
}
