package org.civicflow.application;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApplicationRepository extends JpaRepository<ProjectApplication, String> {

    /** FS-07: the organization's earlier applications in this call that still count (not rejected). */
    @Query("""
            select count(a) from ProjectApplication a
            where a.callId = :callId and a.organizationCode = :organizationCode
              and a.applicationId <> :applicationId and a.status <> org.civicflow.application.ApplicationStatus.REJECTED
              and a.submittedAt <= :submittedAt""")
    long countCountingApplications(String callId, String organizationCode, String applicationId, Instant submittedAt);

    List<ProjectApplication> findByCallIdOrderBySubmittedAt(String callId);
}
