package org.civicflow.contract;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AnnualAssessmentRepository extends JpaRepository<AnnualAssessment, Long> {

    List<AnnualAssessment> findByContractNumberOrderByContractYearAscAssessorGroupAsc(String contractNumber);

    boolean existsByContractNumberAndContractYearAndAssessorGroup(String contractNumber, int contractYear,
                                                                   String assessorGroup);
}
