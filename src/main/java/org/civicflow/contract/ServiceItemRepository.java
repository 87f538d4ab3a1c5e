package org.civicflow.contract;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ServiceItemRepository extends JpaRepository<ServiceItem, ServiceItem.Key> {

    List<ServiceItem> findByKeyPolicyCodeOrderBySortOrder(String policyCode);
}
