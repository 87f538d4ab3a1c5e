package org.civicflow.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A social organization (社会组织) as registered: the facts that the rules read. */
@Entity
@Table(name = "organization")
public class Organization {

    @Id
    @Column(length = 18)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_form", nullable = false, length = 32)
    private LegalForm legalForm;

    @Enumerated(EnumType.STRING)
    @Column(name = "registration_level", nullable = false, length = 16)
    private RegistrationLevel registrationLevel;

    @Column(name = "registered_with_civil_affairs", nullable = false)
    private boolean registeredWithCivilAffairs;

    @Column(name = "annual_inspection_passed", nullable = false)
    private boolean annualInspectionPassed;

    @Column(name = "under_investigation", nullable = false)
    private boolean underInvestigation;

    @Column(name = "business_scope", nullable = false, length = 2000)
    private String businessScope;

    @Column(name = "evaluation_practice_years")
    private Integer evaluationPracticeYears;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToMany(mappedBy = "organization", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<StaffMember> staff = new ArrayList<>();

    @OneToMany(mappedBy = "organization", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<CreditRecord> creditRecords = new ArrayList<>();

    @OneToMany(mappedBy = "organization", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<ProjectOutcome> projectOutcomes = new ArrayList<>();

    protected Organization() {
    }

    Organization(String code, Instant now) {
        this.code = code;
        this.createdAt = now;
    }

    void update(OrganizationData data, Instant now) {
        this.name = data.name();
        this.legalForm = data.legalForm();
        this.registrationLevel = data.registrationLevel();
        this.registeredWithCivilAffairs = data.registeredWithCivilAffairs();
        this.annualInspectionPassed = data.annualInspectionPassed();
        this.underInvestigation = data.underInvestigation();
        this.businessScope = data.businessScope();
        this.evaluationPracticeYears = data.evaluationPracticeYears();
        this.updatedAt = now;
    }

    StaffMember addStaff(StaffData data) {
        StaffMember member = new StaffMember(this, data);
        staff.add(member);
        return member;
    }

    CreditRecord addCreditRecord(CreditRecordKind kind, java.time.LocalDate occurredOn, String description) {
        CreditRecord record = new CreditRecord(this, kind, occurredOn, description);
        creditRecords.add(record);
        return record;
    }

    ProjectOutcome addProjectOutcome(int year, String projectName, boolean acceptancePassed) {
        ProjectOutcome outcome = new ProjectOutcome(this, year, projectName, acceptancePassed);
        projectOutcomes.add(outcome);
        return outcome;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public LegalForm getLegalForm() {
        return legalForm;
    }

    public RegistrationLevel getRegistrationLevel() {
        return registrationLevel;
    }

    public boolean isRegisteredWithCivilAffairs() {
        return registeredWithCivilAffairs;
    }

    public boolean isAnnualInspectionPassed() {
        return annualInspectionPassed;
    }

    public boolean isUnderInvestigation() {
        return underInvestigation;
    }

    public String getBusinessScope() {
        return businessScope;
    }

    public Integer getEvaluationPracticeYears() {
        return evaluationPracticeYears;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<StaffMember> getStaff() {
        return staff.stream().sorted(Comparator.comparing(StaffMember::getId)).toList();
    }

    public List<CreditRecord> getCreditRecords() {
        return creditRecords.stream().sorted(Comparator.comparing(CreditRecord::getOccurredOn)).toList();
    }

    public List<ProjectOutcome> getProjectOutcomes() {
        return Collections.unmodifiableList(projectOutcomes.stream()
                .sorted(Comparator.comparing(ProjectOutcome::getYear)).toList());
    }
}
