package org.civicflow.contract;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** SZ-09: a street's or a community's assessment of one contract year (progress, effect, satisfaction). */
@Entity
@Table(name = "annual_assessment")
public class AnnualAssessment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contract_number", nullable = false, length = 80)
    private String contractNumber;

    @Column(name = "contract_year", nullable = false)
    private int contractYear;

    /** {@code street} or {@code community}. */
    @Column(name = "assessor_group", nullable = false, length = 16)
    private String assessorGroup;

    @Column(name = "assessed_by", nullable = false, length = 64)
    private String assessedBy;

    @Column(name = "progress_score", nullable = false)
    private int progressScore;

    @Column(name = "effect_score", nullable = false)
    private int effectScore;

    @Column(name = "satisfaction_score", nullable = false)
    private int satisfactionScore;

    @Column(name = "assessment_comment", nullable = false, length = 2000)
    private String comment;

    @Column(name = "assessed_at", nullable = false)
    private Instant assessedAt;

    protected AnnualAssessment() {
    }

    AnnualAssessment(String contractNumber, int contractYear, String assessorGroup, String assessedBy, int progress,
                     int effect, int satisfaction, String comment, Instant now) {
        this.contractNumber = contractNumber;
        this.contractYear = contractYear;
        this.assessorGroup = assessorGroup;
        this.assessedBy = assessedBy;
        this.progressScore = progress;
        this.effectScore = effect;
        this.satisfactionScore = satisfaction;
        this.comment = comment;
        this.assessedAt = now;
    }

    /** The three scores' mean. */
    public double getAverage() {
        return (progressScore + effectScore + satisfactionScore) / 3.0;
    }

    public Long getId() {
        return id;
    }

    public String getContractNumber() {
        return contractNumber;
    }

    public int getContractYear() {
        return contractYear;
    }

    public String getAssessorGroup() {
        return assessorGroup;
    }

    public String getAssessedBy() {
        return assessedBy;
    }

    public int getProgressScore() {
        return progressScore;
    }

    public int getEffectScore() {
        return effectScore;
    }

    public int getSatisfactionScore() {
        return satisfactionScore;
    }

    public String getComment() {
        return comment;
    }

    public Instant getAssessedAt() {
        return assessedAt;
    }
}
