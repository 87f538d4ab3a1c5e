package org.civicflow.application;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.civicflow.call.CallService;
import org.civicflow.system.Groups;
import org.springframework.stereotype.Component;

/**
 * Task_DrawReviewers: draws the call's number of experts (policy, default 3) at random from the
 * expert group, so that each review task is one expert's. Too few experts is an incident for an
 * administrator, not the applicant's problem: the task runs after the submission has committed.
 * The draw is kept in the {@link ReviewPanel}, not in a process variable the applicant could read.
 */
@Component("drawReviewersDelegate")
class DrawReviewersDelegate implements JavaDelegate {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identityService;
    private final CallService calls;
    private final ReviewPanel panel;

    DrawReviewersDelegate(IdentityService identityService, CallService calls, ReviewPanel panel) {
        this.identityService = identityService;
        this.calls = calls;
        this.panel = panel;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int needed = calls.call((String) execution.getVariable("callId")).getExpertReviewers();
        List<String> experts = new ArrayList<>(identityService.createUserQuery().memberOfGroup(Groups.EXPERT).list()
                .stream().map(User::getId).sorted().toList());
        if (experts.size() < needed) {
            throw new IllegalStateException("评审专家不足：需要" + needed + "名，专家组只有" + experts.size() + "名");
        }
        Collections.shuffle(experts, RANDOM);
        panel.draw((String) execution.getVariable("applicationId"), List.copyOf(experts.subList(0, needed)));
    }
}
