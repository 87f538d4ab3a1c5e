package org.civicflow.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

/**
 * One round's policy: its dates, thresholds and amounts as data. The 2020 房山 call ({@code FS-2020})
 * and the 2018 苏州 pilot ({@code SZ-2018}) ship as migrations; another district's round is a new row.
 */
@Entity
@Table(name = "round_policy")
public class RoundPolicy {

    public static final String FANGSHAN_2020 = "FS-2020";
    public static final String SUZHOU_2018 = "SZ-2018";

    @Id
    @Column(length = 32)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private RoundKind kind;

    @Column(nullable = false, length = 100)
    private String district;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "opens_at")
    private Instant opensAt;

    @Column(name = "submission_deadline")
    private Instant submissionDeadline;

    @Column(name = "completion_deadline")
    private Instant completionDeadline;

    @Column(name = "tender_completed_by")
    private Instant tenderCompletedBy;

    @Column(name = "team_formation_deadline")
    private Instant teamFormationDeadline;

    @Column(name = "service_start")
    private LocalDate serviceStart;

    @Column(name = "service_end")
    private LocalDate serviceEnd;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "round_policy_threshold", joinColumns = @JoinColumn(name = "policy_code"))
    @MapKeyColumn(name = "name", length = 64)
    private Map<String, PolicyThreshold> thresholds = new TreeMap<>();

    protected RoundPolicy() {
    }

    /** @throws IllegalStateException when the policy lacks the threshold: a configuration error, not user input */
    public BigDecimal threshold(String name) {
        PolicyThreshold threshold = thresholds.get(name);
        if (threshold == null) {
            throw new IllegalStateException("Round policy " + code + " has no threshold " + name);
        }
        return threshold.getValue();
    }

    public int intThreshold(String name) {
        return threshold(name).intValueExact();
    }

    public String getCode() {
        return code;
    }

    public RoundKind getKind() {
        return kind;
    }

    public String getDistrict() {
        return district;
    }

    public String getTitle() {
        return title;
    }

    public Instant getOpensAt() {
        return opensAt;
    }

    public Instant getSubmissionDeadline() {
        return submissionDeadline;
    }

    public Instant getCompletionDeadline() {
        return completionDeadline;
    }

    public Instant getTenderCompletedBy() {
        return tenderCompletedBy;
    }

    public Instant getTeamFormationDeadline() {
        return teamFormationDeadline;
    }

    public LocalDate getServiceStart() {
        return serviceStart;
    }

    public LocalDate getServiceEnd() {
        return serviceEnd;
    }

    public Map<String, PolicyThreshold> getThresholds() {
        return new TreeMap<>(thresholds);
    }
}
