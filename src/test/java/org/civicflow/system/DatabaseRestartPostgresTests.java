package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.system.ReliabilityNode.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL stops and comes back (same data directory, same port) under a running node. The node is
 * not restarted: its connection pool replaces the broken connections, the job executor goes on
 * acquiring, and timers due after the outage fire — those that fell due during it and new ones.
 */
class DatabaseRestartPostgresTests {

    private static final int TIMERS = 10;

    private Path dataDirectory;
    private int port;
    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext node;
    private final AcquisitionFailures acquisitionFailures = new AcquisitionFailures();

    @AfterEach
    void cleanUp() throws IOException {
        acquisitionFailures.detach();
        if (node != null) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aRunningNodeRecoversWhenPostgresRestartsAndItsTimersFire() throws Exception {
        dataDirectory = Files.createTempDirectory("civicflow-restart-pg");
        port = freePort();
        postgres = startPostgres();
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database civicflow");
        }
        String url = postgres.getJdbcUrl("postgres", "civicflow");
        JdbcTemplate db = ReliabilityNode.jdbc(url);
        ReliabilityNode.createProbeTables(db);

        // fail fast while the database is away (Hikari waits 30 s for a connection by default)
        node = ReliabilityNode.start("survivor", url,
                "spring.datasource.hikari.connection-timeout=2000",
                "spring.datasource.hikari.validation-timeout=1000");
        ProcessEngine engine = node.getBean(ProcessEngine.class);
        JdbcTemplate nodeJdbc = node.getBean(JdbcTemplate.class);
        ReliabilityNode.deploy(engine);
        List<String> beforeOutage = ReliabilityNode.startInstances(engine, TIMERS,
                Date.from(Instant.now().plus(Duration.ofHours(1))));

        acquisitionFailures.attach();
        postgres.close();
        postgres = null;
        await(Duration.ofMinutes(1), "the node finds the database gone", () -> !reachable(nodeJdbc));
        // the database comes back only once the job executor has run into the outage
        await(Duration.ofMinutes(1), "a job acquisition fails", () -> acquisitionFailures.count() > 0);
        postgres = startPostgres();

        await(Duration.ofMinutes(1), "the node's connection pool is back", () -> reachable(nodeJdbc));
        // the instances started before the outage: their timers fell due during it
        ManagementService management = engine.getManagementService();
        Date past = Date.from(Instant.now().minusSeconds(60));
        for (Job job : management.createJobQuery().processDefinitionKey(ReliabilityNode.PROCESS_KEY).list()) {
            management.setJobDuedate(job.getId(), past);
        }
        // and new work through the same node
        List<String> afterOutage = ReliabilityNode.startInstances(engine, TIMERS, past);

        await(Duration.ofMinutes(2), "every timer fired", () ->
                management.createJobQuery().processDefinitionKey(ReliabilityNode.PROCESS_KEY).count() == 0
                        || management.createJobQuery().withException().count() > 0);

        List<String> all = new ArrayList<>(beforeOutage);
        all.addAll(afterOutage);
        assertThat(management.createJobQuery().withException().count()).as("failed jobs").isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
        assertThat(db.queryForList("select process_instance_id from reliability_side_effect", String.class))
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceIds(new HashSet<>(all)).finished().count()).isEqualTo(2L * TIMERS);
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofMinutes(1))
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("timezone", "UTC")
                .start();
    }

    private static boolean reachable(JdbcTemplate jdbc) {
        try {
            return Integer.valueOf(1).equals(jdbc.queryForObject("select 1", Integer.class));
        } catch (DataAccessException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Counts the job executor's failed acquisitions as it logs them (ENGINE-14019): its acquisition thread
     * catches the exception, logs it and goes on with the next cycle, so the log is where a failure shows.
     * Attached once the node runs (starting a context resets Logback's appenders).
     */
    private static final class AcquisitionFailures extends AppenderBase<ILoggingEvent> {

        private final AtomicInteger failures = new AtomicInteger();
        private final Logger logger = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.jobexecutor");

        void attach() {
            start();
            logger.addAppender(this);
        }

        void detach() {
            logger.detachAppender(this);
            stop();
        }

        int count() {
            return failures.get();
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel() == Level.ERROR && event.getFormattedMessage().startsWith("ENGINE-14019")) {
                failures.incrementAndGet();
            }
        }
    }
}
