package org.civicflow.application;

import java.util.ArrayList;
import java.util.List;

import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The experts drawn for an application, read by Task_ReviewApplication's expressions: the multi-instance collection
 * ({@code ${reviewPanel.assignments(applicationId)}}, opaque ids) and each task's assignee
 * ({@code ${reviewPanel.expert(reviewAssignment)}}). Who reviews is kept here, not in process variables, because
 * the applicant may read its instance's variables (README "Security": reviews are confidential).
 */
@Component("reviewPanel")
public class ReviewPanel {

    private final ReviewAssignmentRepository assignments;

    ReviewPanel(ReviewAssignmentRepository assignments) {
        this.assignments = assignments;
    }

    @Transactional
    void draw(String applicationId, List<String> experts) {
        experts.forEach(expert -> assignments.save(new ReviewAssignment(applicationId, expert, ShanghaiTime.now())));
    }

    /** The assignments' ids, in the order drawn (an ArrayList: Camunda's multi-instance wants a Collection). */
    @Transactional(readOnly = true)
    public List<String> assignments(String applicationId) {
        return new ArrayList<>(assignments.findByApplicationIdOrderByDrawnAtAscIdAsc(applicationId).stream()
                .map(ReviewAssignment::getId).toList());
    }

    @Transactional(readOnly = true)
    public String expert(String assignmentId) {
        return assignments.findById(assignmentId).map(ReviewAssignment::getExpert)
                .orElseThrow(() -> new IllegalStateException("评审分配不存在：" + assignmentId));
    }

    /** The experts drawn for an application (for the bureau and audits), in the order drawn. */
    @Transactional(readOnly = true)
    public List<String> experts(String applicationId) {
        return assignments.findByApplicationIdOrderByDrawnAtAscIdAsc(applicationId).stream()
                .map(ReviewAssignment::getExpert).toList();
    }
}
