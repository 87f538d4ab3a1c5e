package org.civicflow.tender;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface TenderRepository extends JpaRepository<Tender, String> {

    List<Tender> findByUnitCodeOrderByCreatedAtDesc(String unitCode);
}
