package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.system.ReliabilityNode.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.civicflow.support.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Timers whose time came while the application was down fire when it starts again: the job executor's
 * first acquisitions find them overdue, with nothing needed from the outside.
 */
class DowntimeTimersPostgresTests {

    private static final int TIMERS = 20;

    private ConfigurableApplicationContext node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void timersThatFellDueWhileTheApplicationWasDownFireAtStartUp() {
        String url = EmbeddedPostgresInitializer.newDatabaseUrl();
        JdbcTemplate db = ReliabilityNode.jdbc(url);
        ReliabilityNode.createProbeTables(db);

        node = ReliabilityNode.start("beforeDowntime", url);
        ProcessEngine before = node.getBean(ProcessEngine.class);
        ReliabilityNode.deploy(before);
        List<String> instances = ReliabilityNode.startInstances(before, TIMERS,
                Date.from(Instant.now().plus(Duration.ofHours(1))));
        node.close();
        node = null;
        assertThat(ReliabilityNode.sideEffects(db)).as("fired before the downtime").isZero();

        // while no node runs, the timers' time comes
        assertThat(ReliabilityNode.makeTimersDue(db)).isEqualTo(TIMERS);

        node = ReliabilityNode.start("afterDowntime", url);
        ProcessEngine after = node.getBean(ProcessEngine.class);
        await(Duration.ofMinutes(2), "the overdue timers fired", () ->
                after.getManagementService().createJobQuery().processDefinitionKey(ReliabilityNode.PROCESS_KEY).count() == 0
                        || after.getManagementService().createJobQuery().withException().count() > 0);

        assertThat(after.getManagementService().createJobQuery().withException().count()).as("failed jobs").isZero();
        assertThat(after.getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
        assertThat(db.queryForList("select process_instance_id from reliability_side_effect where node = 'afterDowntime'",
                String.class)).containsExactlyInAnyOrderElementsOf(instances);
        assertThat(after.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceIds(new java.util.HashSet<>(instances)).finished().count()).isEqualTo(TIMERS);
    }
}
