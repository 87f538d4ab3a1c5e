package org.civicflow.application;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Task_ReviewApplication completed (its end listener, so that bad input fails the completion unwrapped): stores the
 * drawn expert's score (0–100) and comment; bad input keeps the task open. The expert is the one the review panel
 * drew for this task's assignment, never a variable, and only that expert may file the review (the bureau's task
 * grants would let it complete any task). Score and comment arrive as transient variables (the form marks them):
 * the review record keeps them, the engine does not.
 */
@Component("recordReviewListener")
class RecordReviewListener implements ExecutionListener {

    private final ApplicationService applications;
    private final ReviewPanel panel;

    RecordReviewListener(ApplicationService applications, ReviewPanel panel) {
        this.applications = applications;
        this.panel = panel;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            // the task is being cancelled (terminate end event, boundary timer, deletion): nothing was submitted
            return;
        }
        String assignment = (String) execution.getVariable("reviewAssignment");
        // an instance started on the model before the review panel names its expert in the element variable
        String expert = assignment != null ? panel.expert(assignment) : (String) execution.getVariable("reviewer");
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        // no authentication: the engine itself or CivicFlow's own code (demo rounds, tests) completes the task
        if (user != null && user.getUserId() != null && !user.getUserId().equals(expert)) {
            throw new AuthorizationException("只有抽中的评审专家本人可以提交本项评审");
        }
        applications.recordReview((String) execution.getVariable("applicationId"), expert, execution.getVariables());
    }
}
