package org.civicflow.application;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApplicationReviewRepository extends JpaRepository<ApplicationReview, Long> {

    List<ApplicationReview> findByApplicationIdOrderByReviewedAt(String applicationId);

    boolean existsByApplicationIdAndReviewer(String applicationId, String reviewer);
}
