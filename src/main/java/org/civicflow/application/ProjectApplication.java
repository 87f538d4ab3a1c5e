package org.civicflow.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One application (申报) to a call, as submitted, with what was decided about it. */
@Entity
@Table(name = "project_application")
public class ProjectApplication {

    @Id
    @Column(name = "application_id", length = 64)
    private String applicationId;

    @Column(name = "call_id", nullable = false, length = 64)
    private String callId;

    @Column(name = "organization_code", nullable = false, length = 18)
    private String organizationCode;

    @Column(name = "catalog_code", nullable = false, length = 8)
    private String catalogCode;

    @Column(name = "project_title", nullable = false, length = 200)
    private String projectTitle;

    @Column(name = "target_beneficiaries", nullable = false, length = 1000)
    private String targetBeneficiaries;

    @Column(name = "min_beneficiaries", nullable = false)
    private int minBeneficiaries;

    @Column(name = "requested_amount", nullable = false, precision = 19, scale = 2)
    private BigDecimal requestedAmount;

    @Column(name = "staff_pay_raise_amount", nullable = false, precision = 19, scale = 2)
    private BigDecimal staffPayRaiseAmount;

    @Column(name = "office_improvement_amount", nullable = false, precision = 19, scale = 2)
    private BigDecimal officeImprovementAmount;

    @Column(name = "already_funded_by_district", nullable = false)
    private boolean alreadyFundedByDistrict;

    @Column(name = "other_funding_sources", length = 1000)
    private String otherFundingSources;

    @Column(name = "joint_applicants", length = 1000)
    private String jointApplicants;

    @Column(name = "lead_staff_id", nullable = false)
    private long leadStaffId;

    @Column(name = "team_staff_ids", nullable = false, length = 1000)
    private String teamStaffIds;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ApplicationStatus status;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_rule_violation", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    private List<Violation> violations = new ArrayList<>();

    @Column(name = "joint_approved")
    private Boolean jointApproved;

    @Column(name = "average_score", precision = 5, scale = 2)
    private BigDecimal averageScore;

    @Column(name = "granted_amount", precision = 19, scale = 2)
    private BigDecimal grantedAmount;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    protected ProjectApplication() {
    }

    ProjectApplication(String applicationId, ApplicationData data, Instant submittedAt, String processInstanceId) {
        this.applicationId = applicationId;
        this.callId = data.callId();
        this.organizationCode = data.organizationCode();
        this.catalogCode = data.catalogCode();
        this.projectTitle = data.projectTitle();
        this.targetBeneficiaries = data.targetBeneficiaries() == null ? "" : data.targetBeneficiaries();
        this.minBeneficiaries = data.minBeneficiaries();
        this.requestedAmount = data.requestedAmount();
        this.staffPayRaiseAmount = data.staffPayRaiseAmount();
        this.officeImprovementAmount = data.officeImprovementAmount();
        this.alreadyFundedByDistrict = data.alreadyFundedByDistrict();
        this.otherFundingSources = data.otherFundingSources();
        this.jointApplicants = String.join(",", data.jointApplicants());
        this.leadStaffId = data.leadStaffId();
        this.teamStaffIds = String.join(",", data.teamStaffIds().stream().map(String::valueOf).toList());
        this.submittedAt = submittedAt;
        this.status = ApplicationStatus.SUBMITTED;
        this.processInstanceId = processInstanceId;
    }

    /** A rule broken and its fact, as stored. */
    @Embeddable
    public record Violation(@Column(name = "rule_id", length = 8) String ruleId,
                            @Column(name = "fact", length = 2000) String fact) {
    }

    void eligibilityChecked(List<RuleViolation> found) {
        found.forEach(v -> violations.add(new Violation(v.ruleId(), v.fact())));
        status = found.isEmpty() ? ApplicationStatus.IN_REVIEW : ApplicationStatus.REJECTED;
    }

    void jointDecided(boolean approved) {
        jointApproved = approved;
        if (!approved) {
            violations.add(new Violation(FangshanRule.FS_07.id(), "联合申报未获民政局同意"));
            status = ApplicationStatus.REJECTED;
        }
    }

    void reviewed(BigDecimal average) {
        averageScore = average;
    }

    void fundingDecided(boolean approved, BigDecimal granted, Instant now) {
        status = approved ? ApplicationStatus.FUNDED : ApplicationStatus.DECLINED;
        grantedAmount = approved ? granted : null;
        decidedAt = now;
    }

    public boolean isJoint() {
        return !getJointApplicants().isEmpty();
    }

    public List<String> getJointApplicants() {
        return split(jointApplicants);
    }

    public List<Long> getTeamStaffIds() {
        return split(teamStaffIds).stream().map(Long::valueOf).toList();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    public String getApplicationId() {
        return applicationId;
    }

    public String getCallId() {
        return callId;
    }

    public String getOrganizationCode() {
        return organizationCode;
    }

    public String getCatalogCode() {
        return catalogCode;
    }

    public String getProjectTitle() {
        return projectTitle;
    }

    public String getTargetBeneficiaries() {
        return targetBeneficiaries;
    }

    public int getMinBeneficiaries() {
        return minBeneficiaries;
    }

    public BigDecimal getRequestedAmount() {
        return requestedAmount;
    }

    public BigDecimal getStaffPayRaiseAmount() {
        return staffPayRaiseAmount;
    }

    public BigDecimal getOfficeImprovementAmount() {
        return officeImprovementAmount;
    }

    public boolean isAlreadyFundedByDistrict() {
        return alreadyFundedByDistrict;
    }

    public String getOtherFundingSources() {
        return otherFundingSources;
    }

    public long getLeadStaffId() {
        return leadStaffId;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public ApplicationStatus getStatus() {
        return status;
    }

    /** Rule ids, distinct and sorted, comma-separated; empty when none (the {@code ruleViolations} variable). */
    public String getRuleViolations() {
        return violations.stream().map(Violation::ruleId).distinct().sorted().collect(Collectors.joining(","));
    }

    public List<Violation> getViolations() {
        return List.copyOf(violations);
    }

    public Boolean getJointApproved() {
        return jointApproved;
    }

    public BigDecimal getAverageScore() {
        return averageScore;
    }

    public BigDecimal getGrantedAmount() {
        return grantedAmount;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }
}
