package org.civicflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** The final-acceptance result of a government-purchased project the organization ran (FS-06). */
@Entity
@Table(name = "project_outcome")
public class ProjectOutcome {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_code")
    private Organization organization;

    @Column(name = "outcome_year", nullable = false)
    private int year;

    @Column(name = "project_name", nullable = false, length = 200)
    private String projectName;

    @Column(name = "acceptance_passed", nullable = false)
    private boolean acceptancePassed;

    protected ProjectOutcome() {
    }

    ProjectOutcome(Organization organization, int year, String projectName, boolean acceptancePassed) {
        this.organization = organization;
        this.year = year;
        this.projectName = projectName;
        this.acceptancePassed = acceptancePassed;
    }

    public Long getId() {
        return id;
    }

    public int getYear() {
        return year;
    }

    public String getProjectName() {
        return projectName;
    }

    public boolean isAcceptancePassed() {
        return acceptancePassed;
    }
}
