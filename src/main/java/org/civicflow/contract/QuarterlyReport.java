package org.civicflow.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * SZ-07: one reporting period of a contract. Counts are what happened in the period (they add up over a
 * contract year); volunteer teams and volunteers are the standing at the period's end.
 */
@Entity
@Table(name = "quarterly_report")
public class QuarterlyReport {

    public enum Status {
        DUE, SUBMITTED
    }

    /** SZ-11: one community's figures in a report. */
    @Embeddable
    public record CommunityFigures(@Column(name = "community", length = 100) String community,
                                   @Column(name = "household_files") int householdFiles,
                                   @Column(name = "hardship_files") int hardshipFiles,
                                   @Column(name = "resource_map") boolean resourceMap,
                                   @Column(name = "studies") int studies,
                                   @Column(name = "volunteer_teams") int volunteerTeams,
                                   @Column(name = "volunteers") int volunteers,
                                   @Column(name = "governance_items") int governanceItems,
                                   @Column(name = "platforms") int platforms,
                                   @Column(name = "community_fund", precision = 19, scale = 2) BigDecimal communityFund,
                                   @Column(name = "network_items") int networkItems) {

        static CommunityFigures empty(String community) {
            return new CommunityFigures(community, 0, 0, false, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0);
        }
    }

    /** The street-level figures of a report (SZ-08, SZ-10). */
    public record Figures(int personsServed, int caseServed, int servedFromStreetList, String populationCategories,
                          int trainingSessions, BigDecimal trainingHours, int streetMeetings, int communityMeetings,
                          LocalDate completedOn, String summary) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contract_number", nullable = false, length = 80)
    private String contractNumber;

    @Column(nullable = false)
    private int sequence;

    @Column(name = "contract_year", nullable = false)
    private int contractYear;

    @Column(name = "period_start", nullable = false)
    private LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    private LocalDate periodEnd;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "submitted_by", length = 64)
    private String submittedBy;

    @Column(name = "persons_served")
    private Integer personsServed;

    @Column(name = "case_served")
    private Integer caseServed;

    @Column(name = "served_from_street_list")
    private Integer servedFromStreetList;

    @Column(name = "population_categories", length = 500)
    private String populationCategories;

    @Column(name = "training_sessions")
    private Integer trainingSessions;

    @Column(name = "training_hours", precision = 7, scale = 1)
    private BigDecimal trainingHours;

    @Column(name = "street_meetings")
    private Integer streetMeetings;

    @Column(name = "community_meetings")
    private Integer communityMeetings;

    @Column(name = "completed_on")
    private LocalDate completedOn;

    @Column(length = 4000)
    private String summary;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "report_community_figures", joinColumns = @JoinColumn(name = "report_id"))
    @OrderColumn(name = "position")
    private List<CommunityFigures> communityFigures = new ArrayList<>();

    protected QuarterlyReport() {
    }

    QuarterlyReport(String contractNumber, ReportingPeriod period, Instant dueAt) {
        this.contractNumber = contractNumber;
        this.sequence = period.sequence();
        this.contractYear = period.contractYear();
        this.periodStart = period.start();
        this.periodEnd = period.end();
        this.dueAt = dueAt;
        this.status = Status.DUE;
    }

    void escalated(Instant now) {
        escalatedAt = now;
    }

    void submitted(Figures figures, List<CommunityFigures> communities, String user, Instant now) {
        personsServed = figures.personsServed();
        caseServed = figures.caseServed();
        servedFromStreetList = figures.servedFromStreetList();
        populationCategories = figures.populationCategories();
        trainingSessions = figures.trainingSessions();
        trainingHours = figures.trainingHours();
        streetMeetings = figures.streetMeetings();
        communityMeetings = figures.communityMeetings();
        completedOn = figures.completedOn();
        summary = figures.summary();
        communityFigures.clear();
        communityFigures.addAll(communities);
        submittedBy = user;
        submittedAt = now;
        status = Status.SUBMITTED;
    }

    public boolean isLate() {
        return submittedAt != null ? submittedAt.isAfter(dueAt) : escalatedAt != null;
    }

    public Long getId() {
        return id;
    }

    public String getContractNumber() {
        return contractNumber;
    }

    public int getSequence() {
        return sequence;
    }

    public int getContractYear() {
        return contractYear;
    }

    public LocalDate getPeriodStart() {
        return periodStart;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getEscalatedAt() {
        return escalatedAt;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public int getPersonsServed() {
        return personsServed == null ? 0 : personsServed;
    }

    public int getCaseServed() {
        return caseServed == null ? 0 : caseServed;
    }

    public int getServedFromStreetList() {
        return servedFromStreetList == null ? 0 : servedFromStreetList;
    }

    public String getPopulationCategories() {
        return populationCategories;
    }

    public int getTrainingSessions() {
        return trainingSessions == null ? 0 : trainingSessions;
    }

    public BigDecimal getTrainingHours() {
        return trainingHours == null ? BigDecimal.ZERO : trainingHours;
    }

    public int getStreetMeetings() {
        return streetMeetings == null ? 0 : streetMeetings;
    }

    public int getCommunityMeetings() {
        return communityMeetings == null ? 0 : communityMeetings;
    }

    public LocalDate getCompletedOn() {
        return completedOn;
    }

    public String getSummary() {
        return summary;
    }

    public List<CommunityFigures> getCommunityFigures() {
        return List.copyOf(communityFigures);
    }
}
