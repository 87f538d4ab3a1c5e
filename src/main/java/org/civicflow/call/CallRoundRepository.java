package org.civicflow.call;

import org.springframework.data.jpa.repository.JpaRepository;

interface CallRoundRepository extends JpaRepository<CallRound, String> {
}
