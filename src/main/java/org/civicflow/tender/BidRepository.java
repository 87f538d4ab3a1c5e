package org.civicflow.tender;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface BidRepository extends JpaRepository<Bid, Long> {

    List<Bid> findByTenderIdOrderBySubmittedAt(String tenderId);

    long countByTenderId(String tenderId);

    boolean existsByTenderIdAndOrganizationCode(String tenderId, String organizationCode);
}
