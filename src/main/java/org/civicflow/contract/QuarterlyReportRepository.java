package org.civicflow.contract;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface QuarterlyReportRepository extends JpaRepository<QuarterlyReport, Long> {

    List<QuarterlyReport> findByContractNumberOrderBySequence(String contractNumber);

    Optional<QuarterlyReport> findByContractNumberAndSequence(String contractNumber, int sequence);
}
