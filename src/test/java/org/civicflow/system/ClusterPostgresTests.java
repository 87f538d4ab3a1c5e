package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.system.ReliabilityNode.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.civicflow.support.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes (two application contexts with their own engine names and job executors) on one PostgreSQL
 * database: 1,000 timers that fall due at the same moment fire exactly once each, and both nodes work.
 * Each firing inserts a row keyed by process instance in the job's transaction, so a timer fired twice
 * would fail on the key and show up as a failed job, a failure log entry or an incident.
 */
class ClusterPostgresTests {

    private static final int TIMERS = 1000;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoNodesFireEachDueTimerExactlyOnce() {
        String url = EmbeddedPostgresInitializer.newDatabaseUrl();
        JdbcTemplate db = ReliabilityNode.jdbc(url);
        ReliabilityNode.createProbeTables(db);
        // one after the other: the first start creates Camunda's tables and runs Flyway
        ProcessEngine nodeA = engineOf(ReliabilityNode.start("nodeA", url));
        ProcessEngine nodeB = engineOf(ReliabilityNode.start("nodeB", url));
        ReliabilityNode.deploy(nodeA);

        // not due yet: all instances are in place before any timer can fire
        Date later = Date.from(Instant.now().plus(Duration.ofDays(1)));
        CompletableFuture<List<String>> viaA = CompletableFuture.supplyAsync(
                () -> ReliabilityNode.startInstances(nodeA, TIMERS / 2, later));
        List<String> viaB = ReliabilityNode.startInstances(nodeB, TIMERS / 2, later);
        assertThat(viaA.join()).hasSize(TIMERS / 2);
        assertThat(viaB).hasSize(TIMERS / 2);

        Instant due = Instant.now();
        assertThat(ReliabilityNode.makeTimersDue(db)).isEqualTo(TIMERS);
        ManagementService management = nodeA.getManagementService();
        await(Duration.ofMinutes(3), "all timers fired (or a job failed)", () ->
                management.createJobQuery().processDefinitionKey(ReliabilityNode.PROCESS_KEY).count() == 0
                        || management.createJobQuery().withException().count() > 0
                        || nodeA.getRuntimeService().createIncidentQuery().count() > 0);
        Duration drained = Duration.between(due, Instant.now());

        Map<String, Integer> byNode = db.query("select node, count(*) from reliability_side_effect group by node",
                rs -> {
                    Map<String, Integer> counts = new java.util.TreeMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                    return counts;
                });
        System.out.printf("[cluster] %d timers fired in %d ms by %s%n", TIMERS, drained.toMillis(), byNode);

        HistoryService history = nodeA.getHistoryService();
        assertThat(management.createJobQuery().withException().count()).as("failed jobs").isZero();
        assertThat(nodeA.getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
        // the probe's jobs only: inside the history-cleanup window (01:00–05:00) the cleanup job runs too
        assertThat(history.createHistoricJobLogQuery().processDefinitionKey(ReliabilityNode.PROCESS_KEY).failureLog()
                .count()).as("job failures, retried ones included").isZero();
        assertThat(history.createHistoricJobLogQuery().processDefinitionKey(ReliabilityNode.PROCESS_KEY).successLog()
                .count()).as("successful job executions").isEqualTo(TIMERS);
        assertThat(ReliabilityNode.sideEffects(db)).isEqualTo(TIMERS);
        assertThat(db.queryForObject("select count(distinct process_instance_id) from reliability_side_effect",
                Integer.class)).isEqualTo(TIMERS);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ReliabilityNode.PROCESS_KEY)
                .finished().count()).isEqualTo(TIMERS);
        assertThat(byNode.keySet()).as("nodes that fired timers").containsExactlyInAnyOrder("nodeA", "nodeB");
        assertThat(byNode.values().stream().collect(Collectors.summingInt(Integer::intValue))).isEqualTo(TIMERS);
    }

    private ProcessEngine engineOf(ConfigurableApplicationContext node) {
        nodes.add(node);
        return node.getBean(ProcessEngine.class);
    }
}
