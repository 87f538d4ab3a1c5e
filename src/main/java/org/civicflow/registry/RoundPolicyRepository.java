package org.civicflow.registry;

import org.springframework.data.jpa.repository.JpaRepository;

interface RoundPolicyRepository extends JpaRepository<RoundPolicy, String> {
}
