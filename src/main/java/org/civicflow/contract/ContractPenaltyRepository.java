package org.civicflow.contract;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ContractPenaltyRepository extends JpaRepository<ContractPenalty, Long> {

    List<ContractPenalty> findByContractNumberOrderByRecordedAt(String contractNumber);
}
