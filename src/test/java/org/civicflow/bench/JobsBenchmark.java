package org.civicflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * jobs_vs_commit_limit and timers, with the job executor on and exactly the shipped settings
 * (application.yaml: pool, queue, jobs per acquisition, lock time, wait times, acquisition by due date,
 * timers first, the due-date index). The benchmark stops the job executor while it creates work, so the
 * work is all there when the executor starts, and the clock runs from that start to the last job.
 */
@BenchContext
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsBenchmark {

    static final String CHAIN_KEY = "benchAsyncChain";
    static final int CHAIN_STEPS = 5;
    static final int CHAIN_INSTANCES = Integer.getInteger("bench.jobs.instances", 1200);
    static final String TIMER_KEY = "benchDeadlineTimer";
    static final int TIMERS = Integer.getInteger("bench.timers", 10000);
    static final Duration COMMIT_MEASURE = Duration.ofSeconds(Integer.getInteger("bench.commit.seconds", 10));
    static final int COMMIT_THREADS = 4;
    /** Instances started per transaction while the benchmarks set up their work. */
    static final int SETUP_BATCH = 100;

    /** Plain JDBC commits per second measured first, the denominator of jobs_vs_commit_limit. */
    static double commitTps;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @TestConfiguration
    static class Probe {

        /**
         * The timer's service task: one row per firing, written through the application's JdbcTemplate, so in
         * the job's own transaction. No key on the table, so a second firing would show as a second row.
         */
        @Bean
        JavaDelegate benchTimerProbe(JdbcTemplate jdbc) {
            return execution -> jdbc.update("insert into bench_timer_fired (process_instance_id, fired_at)"
                    + " values (?, clock_timestamp())", execution.getProcessInstanceId());
        }
    }

    @BeforeEach
    void stopJobExecutor() {
        ClockUtil.reset();
        jobExecutor().shutdown();
    }

    @AfterEach
    void restartJobExecutor() {
        if (!jobExecutor().isActive()) {
            jobExecutor().start();
        }
    }

    @Test
    @Order(1)
    void plainJdbcCommitRate() throws Exception {
        Bench.requireSynchronousCommit(jdbc);
        jdbc.execute("create table bench_counter (id int primary key, n bigint not null)");
        for (int id = 0; id < COMMIT_THREADS; id++) {
            jdbc.update("insert into bench_counter (id, n) values (?, 0)", id);
        }
        String url = ((HikariDataSource) jdbc.getDataSource()).getJdbcUrl();
        measureCommits(url, Duration.ofSeconds(2)); // warm-up
        long commits = measureCommits(url, COMMIT_MEASURE);
        commitTps = commits / (COMMIT_MEASURE.toNanos() / 1e9);
        System.out.printf("bench commit limit: %d commits in %d s with %d threads: %.0f/s%n", commits,
                COMMIT_MEASURE.toSeconds(), COMMIT_THREADS, commitTps);
    }

    /** {@value #COMMIT_THREADS} threads, each on its own connection and row, autocommit; returns the commits. */
    private long measureCommits(String url, Duration duration) throws InterruptedException {
        LongAdder commits = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] threads = new Thread[COMMIT_THREADS];
        for (int t = 0; t < COMMIT_THREADS; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                     PreparedStatement update = connection.prepareStatement(
                             "update bench_counter set n = n + 1 where id = ?")) {
                    connection.setAutoCommit(true);
                    update.setInt(1, id);
                    while (!stop.get()) {
                        update.executeUpdate();
                        commits.increment();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (Thread thread : threads) {
            thread.start();
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return commits.sum();
    }

    @Test
    @Order(2)
    void asyncJobsAgainstTheCommitLimit() {
        AbstractFlowNodeBuilder<?, ?> chain = Bpmn.createExecutableProcess(CHAIN_KEY).camundaHistoryTimeToLive(1)
                .startEvent();
        for (int step = 1; step <= CHAIN_STEPS; step++) {
            chain = chain.serviceTask("Task_Step" + step).camundaAsyncBefore().camundaExpression("${true}");
        }
        deploy(chain.endEvent().done());
        startInBatches(CHAIN_INSTANCES, CHAIN_KEY, i -> Map.of());
        int jobs = CHAIN_INSTANCES * CHAIN_STEPS;

        long start = System.nanoTime();
        jobExecutor().start();
        awaitDrained(CHAIN_KEY, () -> historyService.createHistoricProcessInstanceQuery().processDefinitionKey(CHAIN_KEY)
                .finished().count() == CHAIN_INSTANCES);
        double seconds = Bench.seconds(System.nanoTime() - start);

        assertThat(historyService.createHistoricJobLogQuery().processDefinitionKey(CHAIN_KEY).successLog().count())
                .isEqualTo(jobs);
        assertThat(historyService.createHistoricJobLogQuery().processDefinitionKey(CHAIN_KEY).failureLog().count())
                .isZero();
        assertThat(commitTps).as("commit rate measured first").isPositive();
        double jobsPerSecond = jobs / seconds;
        double ratio = jobsPerSecond / commitTps;
        Map<String, String> line = new LinkedHashMap<>();
        line.put("ratio", BenchResults.f2(ratio));
        line.put("jobs_per_s", BenchResults.f1(jobsPerSecond));
        line.put("commit_tps", BenchResults.f1(commitTps));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ratio", ratio);
        raw.put("jobsPerSecond", jobsPerSecond);
        raw.put("commitTps", commitTps);
        raw.put("jobs", jobs);
        raw.put("seconds", seconds);
        raw.put("instances", CHAIN_INSTANCES);
        raw.put("asyncStepsPerInstance", CHAIN_STEPS);
        raw.put("commitThreads", COMMIT_THREADS);
        raw.put("jobExecutor", jobExecutorSettings());
        raw.put("goal", ">= 0.2");
        BenchResults.record("jobs_vs_commit_limit", line, raw);
    }

    @Test
    @Order(3)
    void overdueDeadlineTimers() {
        jdbc.execute("create table bench_timer_fired (process_instance_id varchar(64) not null,"
                + " fired_at timestamp not null)");
        deploy(Bpmn.createExecutableProcess(TIMER_KEY).camundaHistoryTimeToLive(1)
                .startEvent()
                .intermediateCatchEvent("Timer_Deadline").timerWithDate("${dueAt}")
                .serviceTask("Task_RecordDeadline").camundaDelegateExpression("${benchTimerProbe}")
                .endEvent()
                .done());
        // deadlines that passed while nobody looked (downtime, a round's closing date): due an hour ago
        Date overdue = Date.from(Instant.now().minus(Duration.ofHours(1)));
        startInBatches(TIMERS, TIMER_KEY, i -> Map.of("dueAt", overdue));
        long created = managementService.createJobQuery().processDefinitionKey(TIMER_KEY).timers().count();
        assertThat(created).isEqualTo(TIMERS);

        String plan = acquisitionPlan();
        System.out.println("bench timers: plan of the acquisition query with " + created + " due timers:\n" + plan);

        long start = System.nanoTime();
        jobExecutor().start();
        awaitDrained(TIMER_KEY, () -> jdbc.queryForObject("select count(distinct process_instance_id) from bench_timer_fired",
                Long.class) == created && managementService.createJobQuery().processDefinitionKey(TIMER_KEY).count() == 0);
        double seconds = Bench.seconds(System.nanoTime() - start);

        long rows = jdbc.queryForObject("select count(*) from bench_timer_fired", Long.class);
        long fired = jdbc.queryForObject("select count(distinct process_instance_id) from bench_timer_fired", Long.class);
        long duplicates = rows - fired;
        long failures = historyService.createHistoricJobLogQuery().processDefinitionKey(TIMER_KEY).failureLog().count();
        Map<String, String> line = new LinkedHashMap<>();
        line.put("drained", fired + "/" + created);
        line.put("seconds", BenchResults.f1(seconds));
        line.put("duplicates", String.valueOf(duplicates));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("fired", fired);
        raw.put("created", created);
        raw.put("seconds", seconds);
        raw.put("duplicates", duplicates);
        raw.put("failedExecutions", failures);
        raw.put("timersPerSecond", fired / seconds);
        raw.put("acquisitionPlan", plan);
        raw.put("jobExecutor", jobExecutorSettings());
        raw.put("goal", "<= 60 s, duplicates 0");
        BenchResults.record("timers", line, raw);

        assertThat(duplicates).as("timers fired twice").isZero();
        assertThat(fired).isEqualTo(created);
        assertThat(failures).as("failed timer executions").isZero();
        assertThat(runtimeService.createIncidentQuery().count()).isZero();
    }

    /**
     * EXPLAIN ANALYZE of the job executor's acquisition query (Camunda's selectNextJobsToExecute for
     * PostgreSQL with the shipped settings: timers first, then by due date, the shipped batch size).
     */
    private String acquisitionPlan() {
        JobExecutor executor = jobExecutor();
        String sql = "explain analyze select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_"
                + " from ACT_RU_JOB RES where (RES.RETRIES_ > 0)"
                + " and (RES.DUEDATE_ is null or RES.DUEDATE_ <= now())"
                + " and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < now()) and RES.SUSPENSION_STATE_ = 1"
                + " and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2"
                + " where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)"
                + " and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now()))) or RES.EXCLUSIVE_ = false)"
                + " order by RES.TYPE_ desc, RES.DUEDATE_ asc limit " + executor.getMaxJobsPerAcquisition();
        return String.join("\n", jdbc.queryForList(sql, String.class));
    }

    private void deploy(BpmnModelInstance model) {
        repositoryService.createDeployment().name("bench").addModelInstance(model.getModelElementsByType(
                org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId() + ".bpmn", model).deploy();
    }

    /** Starts {@code count} instances, {@value #SETUP_BATCH} per transaction, on {@link Bench#THREADS} threads. */
    private void startInBatches(int count, String key, java.util.function.IntFunction<Map<String, Object>> variables) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        int batches = (count + SETUP_BATCH - 1) / SETUP_BATCH;
        long nanos = Bench.parallel(batches, Bench.THREADS, batch -> transaction.executeWithoutResult(status -> {
            for (int i = batch * SETUP_BATCH; i < Math.min(count, (batch + 1) * SETUP_BATCH); i++) {
                runtimeService.startProcessInstanceByKey(key, variables.apply(i));
            }
        }));
        System.out.printf("bench %s: %d instances started in %.1f s (job executor stopped)%n", key, count,
                Bench.seconds(nanos));
    }

    private void awaitDrained(String key, java.util.function.BooleanSupplier done) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("jobs of " + key + " not drained after 10 minutes");
            }
            Bench.sleep(100);
        }
    }

    private JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    private Map<String, Object> jobExecutorSettings() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        JobExecutor executor = configuration.getJobExecutor();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition());
        settings.put("lockTimeInMillis", executor.getLockTimeInMillis());
        settings.put("waitTimeInMillis", executor.getWaitTimeInMillis());
        settings.put("maxWait", executor.getMaxWait());
        settings.put("acquireByDueDate", configuration.isJobExecutorAcquireByDueDate());
        settings.put("preferTimerJobs", configuration.isJobExecutorPreferTimerJobs());
        if (executor instanceof org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor spring
                && spring.getTaskExecutor() instanceof org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor pool) {
            settings.put("corePoolSize", pool.getCorePoolSize());
            settings.put("maxPoolSize", pool.getMaxPoolSize());
            settings.put("queueCapacity", pool.getQueueCapacity());
        }
        return settings;
    }
}
