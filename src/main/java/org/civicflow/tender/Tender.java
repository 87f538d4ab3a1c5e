package org.civicflow.tender;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** One tender (招标) for a procurement unit, with its committee and what was decided. */
@Entity
@Table(name = "tender")
public class Tender {

    /** A rule broken by the tender's own data (LAW-02, SZ-12), with its fact. */
    @Embeddable
    public record Violation(@Column(name = "rule_id", length = 8) String ruleId,
                            @Column(name = "fact", length = 2000) String fact) {
    }

    /** An evaluation committee member (LAW-03). */
    @Embeddable
    public record CommitteeMember(@Column(name = "member", length = 100) String member,
                                  @Column(name = "expert") boolean expert) {
    }

    @Id
    @Column(name = "tender_id", length = 80)
    private String tenderId;

    @Column(name = "unit_code", nullable = false, length = 64)
    private String unitCode;

    /** 1 for a unit's first tender, then 2, 3 … for re-tenders: orders them even at the same instant. */
    @Column(nullable = false)
    private int attempt;

    @Column(name = "unit_name", nullable = false, length = 200)
    private String unitName;

    @Column(nullable = false, length = 100)
    private String district;

    @Column(name = "policy_code", nullable = false, length = 32)
    private String policyCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "tender_kind", nullable = false, length = 16)
    private TenderKind kind;

    @Column(name = "annual_budget", nullable = false, precision = 19, scale = 2)
    private BigDecimal annualBudget;

    @Column(name = "service_years", nullable = false)
    private int serviceYears;

    @Column(name = "service_start", nullable = false)
    private LocalDate serviceStart;

    @Column(name = "team_formation_deadline", nullable = false)
    private Instant teamFormationDeadline;

    @Column(name = "tender_issued_at", nullable = false)
    private Instant tenderIssuedAt;

    @Column(name = "bid_deadline", nullable = false)
    private Instant bidDeadline;

    @Column(nullable = false, length = 2000)
    private String communities;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TenderStatus status;

    @Column(name = "winning_org", length = 18)
    private String winningOrg;

    @Column(name = "evaluation_report", length = 4000)
    private String evaluationReport;

    @Column(name = "award_notice_at")
    private Instant awardNoticeAt;

    @Column(name = "signed_at")
    private Instant signedAt;

    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "tender_rule_violation", joinColumns = @JoinColumn(name = "tender_id"))
    @OrderColumn(name = "position")
    private List<Violation> violations = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "evaluation_committee_member", joinColumns = @JoinColumn(name = "tender_id"))
    @OrderColumn(name = "position")
    private List<CommitteeMember> committee = new ArrayList<>();

    protected Tender() {
    }

    Tender(int attempt, TenderData data, List<Violation> violations, String processInstanceId, Instant now) {
        this.tenderId = data.unitCode() + "-" + attempt;
        this.attempt = attempt;
        this.unitCode = data.unitCode();
        this.unitName = data.unitName();
        this.district = data.district();
        this.policyCode = data.policyCode();
        this.kind = data.kind();
        this.annualBudget = data.annualBudget();
        this.serviceYears = data.serviceYears();
        this.serviceStart = data.serviceStart();
        this.teamFormationDeadline = data.teamFormationDeadline();
        this.tenderIssuedAt = data.tenderIssuedAt();
        this.bidDeadline = data.bidDeadline();
        this.communities = String.join(",", data.communities());
        this.violations.addAll(violations);
        this.status = violations.isEmpty() ? TenderStatus.OPEN : TenderStatus.FAILED;
        this.processInstanceId = processInstanceId;
        this.createdAt = now;
    }

    /** Bids are accepted strictly before the bid deadline instant. */
    public boolean acceptsBidsAt(Instant instant) {
        return status == TenderStatus.OPEN && instant.isBefore(bidDeadline);
    }

    /** Bids stay sealed until the bid deadline: nobody sees amounts before. */
    public boolean sealedAt(Instant instant) {
        return instant.isBefore(bidDeadline);
    }

    /** The experts (user ids) on the evaluation committee: the only users who may evaluate the bids. */
    public List<String> committeeExperts() {
        return committee.stream().filter(CommitteeMember::expert).map(CommitteeMember::member).toList();
    }

    void opened() {
        status = TenderStatus.EVALUATING;
    }

    void failed() {
        status = TenderStatus.FAILED;
    }

    void committee(List<CommitteeMember> members) {
        committee.clear();
        committee.addAll(members);
    }

    void awarded(String organizationCode, String report, Instant now) {
        winningOrg = organizationCode;
        if (report != null) {
            evaluationReport = report;
        }
        awardNoticeAt = now;
        status = TenderStatus.AWARDED;
    }

    void signed(Instant now) {
        signedAt = now;
        status = TenderStatus.SIGNED;
    }

    /** The number of the contract this tender is signed as (its serviceContract's business key). */
    public String contractNumber() {
        return "HT-" + tenderId;
    }

    public BigDecimal totalBudget() {
        return annualBudget.multiply(BigDecimal.valueOf(serviceYears));
    }

    public List<String> getCommunities() {
        return communities.isBlank() ? List.of() : Arrays.asList(communities.split(","));
    }

    public String getRuleViolations() {
        return violations.stream().map(Violation::ruleId).distinct().sorted().collect(Collectors.joining(","));
    }

    public List<Violation> getViolations() {
        return List.copyOf(violations);
    }

    public List<CommitteeMember> getCommittee() {
        return List.copyOf(committee);
    }

    public String getTenderId() {
        return tenderId;
    }

    public int getAttempt() {
        return attempt;
    }

    public String getUnitCode() {
        return unitCode;
    }

    public String getUnitName() {
        return unitName;
    }

    public String getDistrict() {
        return district;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public TenderKind getKind() {
        return kind;
    }

    public BigDecimal getAnnualBudget() {
        return annualBudget;
    }

    public int getServiceYears() {
        return serviceYears;
    }

    public LocalDate getServiceStart() {
        return serviceStart;
    }

    public Instant getTeamFormationDeadline() {
        return teamFormationDeadline;
    }

    public Instant getTenderIssuedAt() {
        return tenderIssuedAt;
    }

    public Instant getBidDeadline() {
        return bidDeadline;
    }

    public TenderStatus getStatus() {
        return status;
    }

    public String getWinningOrg() {
        return winningOrg;
    }

    public String getEvaluationReport() {
        return evaluationReport;
    }

    public Instant getAwardNoticeAt() {
        return awardNoticeAt;
    }

    public Instant getSignedAt() {
        return signedAt;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
