package org.civicflow.contract;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ServiceContractRepository extends JpaRepository<ServiceContract, String> {

    List<ServiceContract> findByOrganizationCodeOrderByCreatedAt(String organizationCode);

    List<ServiceContract> findByKindOrderByCreatedAtAscContractNumberAsc(ContractKind kind);
}
