package org.civicflow.call;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A call for proposals (项目征集) with its own deadlines: the facts FS-01, FS-07 and FS-11 read. */
@Entity
@Table(name = "call_round")
public class CallRound {

    @Id
    @Column(name = "call_id", length = 64)
    private String callId;

    @Column(name = "policy_code", nullable = false, length = 32)
    private String policyCode;

    @Column(nullable = false, length = 100)
    private String district;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "submission_deadline", nullable = false)
    private Instant submissionDeadline;

    @Column(name = "completion_deadline", nullable = false)
    private Instant completionDeadline;

    @Column(name = "max_applications_per_org", nullable = false)
    private int maxApplicationsPerOrg;

    @Column(name = "expert_reviewers", nullable = false)
    private int expertReviewers;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CallStatus status;

    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected CallRound() {
    }

    CallRound(CallData data, String processInstanceId, Instant now) {
        this.callId = data.callId();
        this.policyCode = data.policyCode();
        this.district = data.district();
        this.title = data.title();
        this.submissionDeadline = data.submissionDeadline();
        this.completionDeadline = data.completionDeadline();
        this.maxApplicationsPerOrg = data.maxApplicationsPerOrg();
        this.expertReviewers = data.expertReviewers();
        this.status = CallStatus.OPEN;
        this.processInstanceId = processInstanceId;
        this.openedAt = now;
    }

    void close(Instant now) {
        status = CallStatus.CLOSED;
        closedAt = now;
    }

    void complete(Instant now) {
        status = CallStatus.COMPLETED;
        completedAt = now;
    }

    /** FS-01: on time means strictly before the deadline instant (2020年2月7日24时 is already late). */
    public boolean acceptsSubmissionAt(Instant submittedAt) {
        return submittedAt.isBefore(submissionDeadline);
    }

    public String getCallId() {
        return callId;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public String getDistrict() {
        return district;
    }

    public String getTitle() {
        return title;
    }

    public Instant getSubmissionDeadline() {
        return submissionDeadline;
    }

    public Instant getCompletionDeadline() {
        return completionDeadline;
    }

    public int getMaxApplicationsPerOrg() {
        return maxApplicationsPerOrg;
    }

    public int getExpertReviewers() {
        return expertReviewers;
    }

    public CallStatus getStatus() {
        return status;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }
}
