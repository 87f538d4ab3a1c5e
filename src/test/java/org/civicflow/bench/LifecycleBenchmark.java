package org.civicflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.support.FangshanScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * lifecycle_vs_bare: the projectApplication happy path — submission, registration, eligibility (FS-01 …
 * FS-10 against the registry), the asynchronous drawing of three experts, three reviews, the funding
 * decision, the funding notice, the contract and the start of its serviceContract — with the real delegates,
 * listeners and registry, against the same BPMN shape — the application and the contract it calls — with no-op
 * service tasks and listeners (generated from the shipped models at run time), in the same engine and the same run.
 * The database's own counters give each variant's commits, rows and WAL bytes per instance (results.json). Blocks of the two alternate
 * after a warm-up, so drift of the machine's load falls on both alike. An instance counts once it waits in
 * Task_PerformServiceContract (the application's own work is done; the contract runs for years).
 */
@BenchContext
class LifecycleBenchmark {

    static final String BARE_KEY = "projectApplicationBare";
    static final String BARE_CONTRACT_KEY = "benchBareContract";
    static final String CALL_ID = "BENCH-2020";

    static final int WARM_UP = Integer.getInteger("bench.lifecycle.warmup", 100);
    static final int BLOCK = Integer.getInteger("bench.lifecycle.block", 500);
    static final int BLOCKS = Integer.getInteger("bench.lifecycle.blocks", 4);

    @Autowired
    FangshanScenario scenario;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void lifecycleVersusBareEngine() throws IOException {
        Bench.requireSynchronousCommit(jdbc);
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        List<String> experts = scenario.experts(3);
        scenario.openCall(CALL_ID);

        int civicTotal = WARM_UP + BLOCK * BLOCKS;
        // setup, not measured: one registered organization (with a certified lead) per application
        List<FangshanScenario.Org> orgs = new ArrayList<>(java.util.Collections.nCopies(civicTotal, null));
        long orgNanos = Bench.parallel(civicTotal, Bench.THREADS, i -> orgs.set(i, scenario.organization(1, 0)));
        System.out.printf("bench lifecycle: %d organizations registered in %.1f s%n", civicTotal, Bench.seconds(orgNanos));

        int[] civicNext = {0};
        int[] bareNext = {0};
        // warm-up: both variants, not counted
        run(true, orgs, civicNext, WARM_UP, experts);
        deployBare(reportCount());
        run(false, orgs, bareNext, WARM_UP, experts);
        assertThat(contractWaitsIn(BARE_KEY)).as("both variants' contracts wait in the same place")
                .isEqualTo(contractWaitsIn("projectApplication"));

        long civicNanos = 0;
        long bareNanos = 0;
        DatabaseWork civicWork = DatabaseWork.NONE;
        DatabaseWork bareWork = DatabaseWork.NONE;
        for (int block = 0; block < BLOCKS; block++) {
            DatabaseWork before = DatabaseWork.read(jdbc);
            civicNanos += run(true, orgs, civicNext, BLOCK, experts);
            DatabaseWork between = DatabaseWork.read(jdbc);
            bareNanos += run(false, orgs, bareNext, BLOCK, experts);
            civicWork = civicWork.plus(between.minus(before));
            bareWork = bareWork.plus(DatabaseWork.read(jdbc).minus(between));
        }
        int n = BLOCK * BLOCKS;

        // correctness: every application of both variants went all the way to its contract
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("projectApplication")
                .activityIdIn("Task_PerformServiceContract").count()).isEqualTo(civicTotal);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(BARE_KEY)
                .activityIdIn("Task_PerformServiceContract").count()).isEqualTo(civicTotal);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceContract").count())
                .isEqualTo(civicTotal);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(BARE_CONTRACT_KEY).count())
                .isEqualTo(civicTotal);
        assertThat(runtimeService.createIncidentQuery().count()).isZero();

        double civicPerSecond = n / Bench.seconds(civicNanos);
        double barePerSecond = n / Bench.seconds(bareNanos);
        double ratio = civicPerSecond / barePerSecond;
        Map<String, String> line = new LinkedHashMap<>();
        line.put("ratio", BenchResults.f2(ratio));
        line.put("civic_per_s", BenchResults.f1(civicPerSecond));
        line.put("bare_per_s", BenchResults.f1(barePerSecond));
        line.put("n", String.valueOf(n));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ratio", ratio);
        raw.put("civicPerSecond", civicPerSecond);
        raw.put("barePerSecond", barePerSecond);
        raw.put("n", n);
        raw.put("warmUpPerVariant", WARM_UP);
        raw.put("blocks", BLOCKS);
        raw.put("threads", Bench.THREADS);
        raw.put("civicSeconds", Bench.seconds(civicNanos));
        raw.put("bareSeconds", Bench.seconds(bareNanos));
        // what each instance cost the database: the difference between the two variants is CivicFlow's own work
        raw.put("databaseWorkPerCivicInstance", civicWork.per(n));
        raw.put("databaseWorkPerBareInstance", bareWork.per(n));
        raw.put("goal", ">= 0.8");
        BenchResults.record("lifecycle_vs_bare", line, raw);
    }

    /** The number of reporting periods the real contracts of the warm-up got (the same round, the same dates). */
    private int reportCount() {
        String contract = runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceContract")
                .listPage(0, 1).get(0).getId();
        return ((Number) runtimeService.getVariable(contract, "reportCount")).intValue();
    }

    /** Runs {@code count} applications of one variant to the contract; returns the elapsed nanoseconds. */
    private long run(boolean civic, List<FangshanScenario.Org> orgs, int[] next, int count, List<String> experts) {
        int first = next[0];
        next[0] += count;
        return Bench.parallel(count, Bench.THREADS, i -> {
            int index = first + i;
            Map<String, Object> variables = scenario.application(CALL_ID, orgs.get(civic ? index : index % orgs.size()));
            String key = "projectApplication";
            if (!civic) {
                key = BARE_KEY;
                // what the real delegates would have decided or drawn
                variables = new HashMap<>(variables);
                variables.put("eligible", true);
                variables.put("jointApplication", false);
                variables.put("reviewers", new ArrayList<>(experts));
                variables.put("contractNumber", "BARE-" + index);
            }
            happyPath(runtimeService.startProcessInstanceByKey(key, variables).getId());
        });
    }

    /** As the experts and the bureau would: draw (the async job), three reviews, the funding decision. */
    private void happyPath(String processInstanceId) {
        Job draw = managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
        managementService.executeJob(draw.getId());
        List<Task> reviews = taskService.createTaskQuery().processInstanceId(processInstanceId).list();
        if (reviews.size() != 3) {
            throw new IllegalStateException("expected 3 reviews, found " + reviews.size());
        }
        for (Task review : reviews) {
            taskService.complete(review.getId(), Map.of("reviewScore", 88, "reviewComment", "服务对象明确，方案可行"));
        }
        Task decision = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        taskService.complete(decision.getId(), Map.of("fundingApproved", true, "grantedAmount", 100000));
    }

    /**
     * The shipped projectApplication and serviceContract with every delegate expression (service tasks and
     * listeners) replaced by {@code ${true}}, deployed under their own keys: the same BPMN shape with no-op
     * delegates. What the delegates would have computed is given instead: the application's gateway variables as
     * start variables (see {@link #run}); the contract's as inputs of the call activity ({@code teamRequired},
     * {@code reportCount} as the real contract computed it); the quarter-end timer, which asks the contract's
     * schedule, falls due three months later.
     */
    private void deployBare(int reportCount) throws IOException {
        String bare = shipped("processes/project-application.bpmn")
                .replace("\"projectApplication\"", "\"" + BARE_KEY + "\"")
                .replace("calledElement=\"serviceContract\"", "calledElement=\"" + BARE_CONTRACT_KEY + "\"")
                .replace("<camunda:in source=\"contractNumber\" target=\"contractNumber\" />",
                        "<camunda:in source=\"contractNumber\" target=\"contractNumber\" />"
                                + "<camunda:in sourceExpression=\"${false}\" target=\"teamRequired\" />"
                                + "<camunda:in sourceExpression=\"${" + reportCount + "}\" target=\"reportCount\" />");
        String bareContract = shipped("processes/service-contract.bpmn")
                .replace("\"serviceContract\"", "\"" + BARE_CONTRACT_KEY + "\"")
                .replace("${contractSchedule.periodEnd(contractNumber, loopCounter)}", "${dateTime().plusMonths(3).toDate()}");
        assertThat(bare).contains("id=\"" + BARE_KEY + "\"", "target=\"reportCount\"");
        assertThat(bareContract).doesNotContain("delegateExpression", "contractSchedule")
                .contains("id=\"" + BARE_CONTRACT_KEY + "\"");
        repositoryService.createDeployment().name("bench-bare")
                .addString("project-application-bare.bpmn", bare)
                .addString("service-contract-bare.bpmn", bareContract)
                .deploy();
    }

    /** A shipped model's XML with every delegate expression replaced by {@code ${true}}. */
    private String shipped(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String bare = xml.replaceAll("delegateExpression=\"\\$\\{[A-Za-z]+\\}\"", "expression=\"\\${true}\"");
            assertThat(bare).doesNotContain("delegateExpression");
            return bare;
        }
    }

    /** The contract a variant's application started, and the activities it waits in. */
    private List<String> contractWaitsIn(String applicationKey) {
        String application = runtimeService.createProcessInstanceQuery().processDefinitionKey(applicationKey)
                .listPage(0, 1).get(0).getId();
        String contract = runtimeService.createProcessInstanceQuery().superProcessInstanceId(application)
                .singleResult().getId();
        return runtimeService.getActiveActivityIds(contract);
    }
}
