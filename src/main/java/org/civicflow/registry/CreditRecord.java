package org.civicflow.registry;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An entry in an organization's credit record (FS-03, SZ-04; written by SZ-06 sanctions). */
@Entity
@Table(name = "credit_record")
public class CreditRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_code")
    private Organization organization;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private CreditRecordKind kind;

    @Column(name = "occurred_on", nullable = false)
    private LocalDate occurredOn;

    @Column(nullable = false, length = 2000)
    private String description;

    protected CreditRecord() {
    }

    CreditRecord(Organization organization, CreditRecordKind kind, LocalDate occurredOn, String description) {
        this.organization = organization;
        this.kind = kind;
        this.occurredOn = occurredOn;
        this.description = description;
    }

    public Long getId() {
        return id;
    }

    public CreditRecordKind getKind() {
        return kind;
    }

    public LocalDate getOccurredOn() {
        return occurredOn;
    }

    public String getDescription() {
        return description;
    }
}
