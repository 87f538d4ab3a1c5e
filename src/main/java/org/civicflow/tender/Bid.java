package org.civicflow.tender;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sealed bid. Its amount is shown to nobody before the bid deadline. */
@Entity
@Table(name = "tender_bid")
public class Bid {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tender_id", nullable = false, length = 80)
    private String tenderId;

    @Column(name = "organization_code", nullable = false, length = 18)
    private String organizationCode;

    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal amount;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    @Column(name = "submitted_by", nullable = false, length = 64)
    private String submittedBy;

    @Column
    private Boolean qualified;

    @Column(name = "rule_violations", length = 200)
    private String ruleViolations;

    @Column(name = "violation_facts", length = 4000)
    private String violationFacts;

    @Column
    private Integer ranking;

    protected Bid() {
    }

    Bid(String tenderId, String organizationCode, BigDecimal amount, Instant submittedAt, String submittedBy) {
        this.tenderId = tenderId;
        this.organizationCode = organizationCode;
        this.amount = amount;
        this.submittedAt = submittedAt;
        this.submittedBy = submittedBy;
    }

    void qualification(List<BidViolation> violations) {
        qualified = violations.isEmpty();
        ruleViolations = String.join(",", violations.stream().map(BidViolation::ruleId).distinct().sorted().toList());
        violationFacts = String.join("\n", violations.stream().map(v -> v.ruleId() + "：" + v.fact()).toList());
    }

    void rank(Integer position) {
        ranking = position;
    }

    public List<String> ruleViolationList() {
        return ruleViolations == null || ruleViolations.isBlank() ? List.of() : Arrays.asList(ruleViolations.split(","));
    }

    public List<String> violationFactList() {
        return violationFacts == null || violationFacts.isBlank() ? List.of() : Arrays.asList(violationFacts.split("\n"));
    }

    public Long getId() {
        return id;
    }

    public String getTenderId() {
        return tenderId;
    }

    public String getOrganizationCode() {
        return organizationCode;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public Boolean getQualified() {
        return qualified;
    }

    public Integer getRanking() {
        return ranking;
    }
}
