package org.civicflow.application;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReviewAssignmentRepository extends JpaRepository<ReviewAssignment, String> {

    List<ReviewAssignment> findByApplicationIdOrderByDrawnAtAscIdAsc(String applicationId);
}
