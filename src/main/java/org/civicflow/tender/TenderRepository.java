package org.civicflow.tender;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface TenderRepository extends JpaRepository<Tender, String> {

    Optional<Tender> findFirstByUnitCodeOrderByAttemptDesc(String unitCode);
}
