package org.civicflow.contract;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An SZ-06 penalty on a contract: an evaluation deduction, an amount reduction or the termination. */
@Entity
@Table(name = "contract_penalty")
public class ContractPenalty {

    public enum Kind {
        DEDUCTION, REDUCTION, TERMINATION
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contract_number", nullable = false, length = 80)
    private String contractNumber;

    @Column(name = "rule_id", nullable = false, length = 8)
    private String ruleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(name = "days_late", nullable = false)
    private int daysLate;

    private Integer points;

    @Column(precision = 19, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 2000)
    private String reason;

    @Column(name = "decided_by", length = 64)
    private String decidedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "document_id", length = 64)
    private String documentId;

    protected ContractPenalty() {
    }

    ContractPenalty(String contractNumber, Kind kind, int daysLate, Integer points, BigDecimal amount, String reason,
                    String decidedBy, Instant now) {
        this.contractNumber = contractNumber;
        this.ruleId = "SZ-06";
        this.kind = kind;
        this.daysLate = daysLate;
        this.points = points;
        this.amount = amount;
        this.reason = reason;
        this.decidedBy = decidedBy;
        this.recordedAt = now;
    }

    void documented(String documentId) {
        this.documentId = documentId;
    }

    public Long getId() {
        return id;
    }

    public String getContractNumber() {
        return contractNumber;
    }

    public String getRuleId() {
        return ruleId;
    }

    public Kind getKind() {
        return kind;
    }

    public int getDaysLate() {
        return daysLate;
    }

    public Integer getPoints() {
        return points;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getReason() {
        return reason;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getDocumentId() {
        return documentId;
    }
}
