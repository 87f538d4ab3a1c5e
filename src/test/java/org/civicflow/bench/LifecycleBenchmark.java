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
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.civicflow.support.FangshanScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * lifecycle_vs_bare: the projectApplication happy path — submission, registration, eligibility (FS-01 …
 * FS-10 against the registry), the asynchronous drawing of three experts, three reviews, the funding
 * decision, the funding notice, the contract and the start of its serviceContract — with the real delegates,
 * listeners and registry, against the same BPMN shape with no-op service tasks and listeners (generated
 * from the shipped model at run time), in the same engine and the same run. Blocks of the two alternate
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
        deployBare();

        int civicTotal = WARM_UP + BLOCK * BLOCKS;
        // setup, not measured: one registered organization (with a certified lead) per application
        List<FangshanScenario.Org> orgs = new ArrayList<>(java.util.Collections.nCopies(civicTotal, null));
        long orgNanos = Bench.parallel(civicTotal, Bench.THREADS, i -> orgs.set(i, scenario.organization(1, 0)));
        System.out.printf("bench lifecycle: %d organizations registered in %.1f s%n", civicTotal, Bench.seconds(orgNanos));

        int[] civicNext = {0};
        int[] bareNext = {0};
        // warm-up: both variants, not counted
        run(true, orgs, civicNext, WARM_UP, experts);
        run(false, orgs, bareNext, WARM_UP, experts);

        long civicNanos = 0;
        long bareNanos = 0;
        for (int block = 0; block < BLOCKS; block++) {
            civicNanos += run(true, orgs, civicNext, BLOCK, experts);
            bareNanos += run(false, orgs, bareNext, BLOCK, experts);
        }
        int n = BLOCK * BLOCKS;

        // correctness: every application of both variants went all the way to its contract
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("projectApplication")
                .activityIdIn("Task_PerformServiceContract").count()).isEqualTo(civicTotal);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(BARE_KEY)
                .activityIdIn("Task_PerformServiceContract").count()).isEqualTo(civicTotal);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceContract").count())
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
        raw.put("goal", ">= 0.8");
        BenchResults.record("lifecycle_vs_bare", line, raw);
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
     * The shipped projectApplication with every delegate expression (service tasks and listeners) replaced
     * by {@code ${true}}, deployed under its own key; its call activity calls a stub that waits on a timer.
     */
    private void deployBare() throws IOException {
        String xml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("processes/project-application.bpmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String bare = xml.replace("\"projectApplication\"", "\"" + BARE_KEY + "\"")
                .replaceAll("delegateExpression=\"\\$\\{[A-Za-z]+\\}\"", "expression=\"\\${true}\"")
                .replace("calledElement=\"serviceContract\"", "calledElement=\"" + BARE_CONTRACT_KEY + "\"");
        assertThat(bare).doesNotContain("delegateExpression").contains("id=\"" + BARE_KEY + "\"");
        BpmnModelInstance contract = Bpmn.createExecutableProcess(BARE_CONTRACT_KEY)
                .camundaHistoryTimeToLive(5479)
                .startEvent()
                .intermediateCatchEvent("Timer_QuarterEnd").timerWithDuration("P3M")
                .endEvent()
                .done();
        repositoryService.createDeployment().name("bench-bare")
                .addString("project-application-bare.bpmn", bare)
                .addModelInstance("bench-bare-contract.bpmn", contract)
                .deploy();
    }
}
