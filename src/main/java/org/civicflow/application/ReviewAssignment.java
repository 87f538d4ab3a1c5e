package org.civicflow.application;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An expert drawn to review an application; its id, not the expert, is what the review task's execution holds. */
@Entity
@Table(name = "application_reviewer")
public class ReviewAssignment {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "application_id", nullable = false, length = 64)
    private String applicationId;

    @Column(nullable = false, length = 64)
    private String expert;

    @Column(name = "drawn_at", nullable = false)
    private Instant drawnAt;

    protected ReviewAssignment() {
    }

    ReviewAssignment(String applicationId, String expert, Instant drawnAt) {
        this.id = UUID.randomUUID().toString();
        this.applicationId = applicationId;
        this.expert = expert;
        this.drawnAt = drawnAt;
    }

    public String getId() {
        return id;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public String getExpert() {
        return expert;
    }

    public Instant getDrawnAt() {
        return drawnAt;
    }
}
