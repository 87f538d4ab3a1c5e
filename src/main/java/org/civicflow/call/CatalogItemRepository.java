package org.civicflow.call;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogItemRepository extends JpaRepository<CatalogItem, CatalogItem.Key> {

    List<CatalogItem> findByKeyPolicyCodeOrderBySortOrder(String policyCode);
}
