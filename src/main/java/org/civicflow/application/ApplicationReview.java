package org.civicflow.application;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One expert's review of an application. */
@Entity
@Table(name = "application_review")
public class ApplicationReview {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false, length = 64)
    private String applicationId;

    @Column(nullable = false, length = 64)
    private String reviewer;

    @Column(nullable = false)
    private int score;

    @Column(name = "review_comment", nullable = false, length = 4000)
    private String comment;

    @Column(name = "reviewed_at", nullable = false)
    private Instant reviewedAt;

    protected ApplicationReview() {
    }

    ApplicationReview(String applicationId, String reviewer, int score, String comment, Instant reviewedAt) {
        this.applicationId = applicationId;
        this.reviewer = reviewer;
        this.score = score;
        this.comment = comment;
        this.reviewedAt = reviewedAt;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public String getReviewer() {
        return reviewer;
    }

    public int getScore() {
        return score;
    }

    public String getComment() {
        return comment;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }
}
