package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.system.ReliabilityNode.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.civicflow.support.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A node in its own JVM is killed with SIGKILL in the middle of jobs: each has written its side effect in
 * the job's open transaction and blocks. A new node takes the jobs over once their locks expire (the dead
 * node locked them for a short time) and completes every instance. Nothing is lost and nothing doubled:
 * the killed node's uncommitted rows are gone, each instance has exactly one row, written by the new node.
 */
class CrashRecoveryPostgresTests {

    private static final int INSTANCES = 3;

    private Process crashingNode;
    private ConfigurableApplicationContext newNode;

    @AfterEach
    void stopNodes() {
        if (crashingNode != null) {
            crashingNode.destroyForcibly();
        }
        if (newNode != null) {
            newNode.close();
        }
    }

    @Test
    void jobsOfANodeKilledMidJobRunAgainOnANewNodeExactlyOnce() throws Exception {
        String url = EmbeddedPostgresInitializer.newDatabaseUrl();
        JdbcTemplate db = ReliabilityNode.jdbc(url);
        ReliabilityNode.createProbeTables(db);

        Path log = Files.createDirectories(Path.of("target", "reliability")).resolve("crashing-node.log");
        crashingNode = new ProcessBuilder(javaCommand(url))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await(Duration.ofMinutes(3), "the crashing node is in the middle of its jobs (log: " + log + ")", () -> {
            if (!crashingNode.isAlive()) {
                throw new AssertionError("The crashing node exited early with " + crashingNode.exitValue() + ", see " + log);
            }
            return markers(db).size() == INSTANCES;
        });
        assertThat(ReliabilityNode.sideEffects(db)).as("side effects committed by the node in the middle of its jobs")
                .isZero();

        // SIGKILL: no shutdown hook, no rollback by the application; PostgreSQL drops the dead connections
        crashingNode.destroyForcibly().waitFor();
        assertThat(crashingNode.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);

        newNode = ReliabilityNode.start("newNode", url);
        ProcessEngine engine = newNode.getBean(ProcessEngine.class);
        List<String> interrupted = markers(db);
        await(Duration.ofMinutes(2), "the new node completed the interrupted instances", () ->
                engine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processDefinitionKey(ReliabilityNode.PROCESS_KEY).finished().count() == INSTANCES
                        || engine.getManagementService().createJobQuery().withException().count() > 0);

        assertThat(engine.getManagementService().createJobQuery().withException().count()).as("failed jobs").isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).as("instances left").isZero();
        assertThat(db.queryForList("select process_instance_id from reliability_side_effect where node = 'newNode'",
                String.class)).as("one row per instance, by the new node").containsExactlyInAnyOrderElementsOf(interrupted);
        assertThat(ReliabilityNode.sideEffects(db)).isEqualTo(INSTANCES);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceIds(new java.util.HashSet<>(interrupted)).finished().count()).isEqualTo(INSTANCES);
    }

    private static List<String> markers(JdbcTemplate db) {
        return db.queryForList("select process_instance_id from reliability_marker", String.class);
    }

    /** java -cp (this test's classpath) ReliabilityNode …: the application with the blocking probe. */
    private static List<String> javaCommand(String url) {
        // without empty entries: an empty entry means the working directory, whose processes/ and forms/
        // would be deployed a second time next to target/classes' copies
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=" + java.util.TimeZone.getDefault().getID(),
                "-cp", classpath,
                ReliabilityNode.class.getName(),
                "spring.datasource.url=" + url,
                "camunda.bpm.process-engine-name=crashingNode",
                // its locks expire soon after the kill, so the new node need not wait the shipped 5 minutes
                "camunda.bpm.job-execution.lock-time-in-millis=5000",
                ReliabilityProbe.BLOCK_PROPERTY + "=true",
                ReliabilityNode.INSTANCES_PROPERTY + "=" + INSTANCES));
        return command;
    }
}
