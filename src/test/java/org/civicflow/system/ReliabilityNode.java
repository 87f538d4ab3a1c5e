package org.civicflow.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicflow.CivicFlowApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A CivicFlow node for the reliability tests: the whole application (shipped job executor settings) on a
 * given PostgreSQL database, with its own engine name and the job executor on. Started in this JVM, or
 * as a separate JVM through {@link #main}.
 */
final class ReliabilityNode {

    static final String PROCESS_KEY = "reliabilityTimer";
    static final String MODEL = "reliability/timer-side-effect.bpmn";
    /** Child JVM only: how many instances the node starts (due at once) after start-up. */
    static final String INSTANCES_PROPERTY = "reliability.instances";

    private ReliabilityNode() {
    }

    /**
     * Starts a node. {@code engineName} has no hyphen (the starter ignores such names and says "default");
     * {@code properties} ("key=value") override the defaults below.
     */
    static ConfigurableApplicationContext start(String engineName, String jdbcUrl, String... properties) {
        // the engine clock is static, one per JVM, and other test classes move it; these tests need real time
        ClockUtil.reset();
        List<String> args = new ArrayList<>(List.of(
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                "spring.datasource.hikari.pool-name=" + engineName,
                "camunda.bpm.process-engine-name=" + engineName,
                "camunda.bpm.job-execution.enabled=true",
                // the tests move due dates behind the engine's back, which wakes no acquisition thread:
                // poll often instead of backing off to the shipped 30 s
                "camunda.bpm.job-execution.wait-time-in-millis=200",
                "camunda.bpm.job-execution.max-wait=1000",
                "server.port=0"));
        args.addAll(List.of(properties));
        // one value per key, the last one given (Spring would join repeated command-line keys with commas)
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String arg : args) {
            byKey.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        // command-line arguments, so that they win over application-test.yaml (job executor off, H2)
        return new SpringApplicationBuilder(CivicFlowApplication.class, ReliabilityProbe.class)
                .profiles("test")
                .run(byKey.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** The entry point of a node in its own JVM (crash test): arguments as for {@link #start}, without "--". */
    public static void main(String[] args) {
        String url = null;
        String name = "child";
        int instances = 0;
        for (String arg : args) {
            if (arg.startsWith("spring.datasource.url=")) {
                url = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("camunda.bpm.process-engine-name=")) {
                name = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith(INSTANCES_PROPERTY + "=")) {
                instances = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            }
        }
        ConfigurableApplicationContext context = start(name, url, args);
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        deploy(engine);
        startInstances(engine, instances, new Date());
        System.out.println("NODE READY " + name + ", started " + instances + " instances");
    }

    static void deploy(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment().name("reliability").addClasspathResource(MODEL).deploy();
    }

    static List<String> startInstances(ProcessEngine engine, int count, Date dueAt) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, Map.of("dueAt", dueAt)).getId());
        }
        return ids;
    }

    /** Plain JDBC to the database, past any node: the test's own view. */
    static JdbcTemplate jdbc(String jdbcUrl) {
        DataSource dataSource = new DriverManagerDataSource(jdbcUrl, "postgres", "");
        return new JdbcTemplate(dataSource);
    }

    /** The probe's tables (test-only; Flyway owns the application's schema). */
    static void createProbeTables(JdbcTemplate jdbc) {
        jdbc.execute("create table reliability_side_effect (process_instance_id varchar(64) primary key,"
                + " node varchar(64) not null, written_at timestamp not null default current_timestamp)");
        jdbc.execute("create table reliability_marker (process_instance_id varchar(64) not null, node varchar(64) not null)");
    }

    static int sideEffects(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from reliability_side_effect", Integer.class);
    }

    /** Makes every timer of the reliability model due now, in the database, as if its time had come. */
    static int makeTimersDue(JdbcTemplate jdbc) {
        return jdbc.update("update ACT_RU_JOB set DUEDATE_ = ? where PROCESS_DEF_KEY_ = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(60)), PROCESS_KEY);
    }

    /** Polls until {@code condition} holds; fails after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + what, e);
            }
        }
    }
}
