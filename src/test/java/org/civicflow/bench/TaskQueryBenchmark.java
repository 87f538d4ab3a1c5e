package org.civicflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * task_query: Tasklist's group filter (本组待办, {@code taskCandidateGroupIn(${currentUserGroups()})}, saved by
 * TasklistFilters) run as Tasklist runs it — through the filter service, newest first, the first page of 15
 * and the count — as an authenticated bureau user with authorization checks on, in a database holding
 * 100,000 finished process instances and 10,000 open tasks whose candidate groups are
 * spread over the role groups.
 */
@BenchContext
class TaskQueryBenchmark {

    static final int HISTORIC = Integer.getInteger("bench.taskquery.history", 100_000);
    static final int OPEN = Integer.getInteger("bench.taskquery.open", 10_000);
    static final int WARM_UP = 100;
    static final int REPETITIONS = Integer.getInteger("bench.taskquery.repetitions", 500);
    static final int SETUP_BATCH = 250;
    static final String DONE_KEY = "benchFinished";
    static final String OPEN_KEY = "benchOpenTask";
    static final String USER = "bench-bureau";

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    IdentityService identityService;
    @Autowired
    HistoryService historyService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @AfterEach
    void logout() {
        identityService.clearAuthentication();
    }

    @Test
    void tasklistGroupFilter() {
        Bench.requireSynchronousCommit(jdbc);
        deploy(Bpmn.createExecutableProcess(DONE_KEY).camundaHistoryTimeToLive(5479)
                .startEvent().serviceTask("Task_Record").camundaExpression("${true}").endEvent().done());
        deploy(Bpmn.createExecutableProcess(OPEN_KEY).camundaHistoryTimeToLive(5479)
                .startEvent()
                .userTask("Task_Handle").name("办理").camundaCandidateGroups("${candidateGroup}")
                .camundaDueDate("${dateTime().plusDays(14).toDate()}")
                .endEvent().done());
        List<String> groups = new ArrayList<>(Groups.ROLES.keySet());
        groups.sort(null);
        start(HISTORIC, DONE_KEY, i -> Map.of("applicant", "org-" + i));
        start(OPEN, OPEN_KEY, i -> Map.of("candidateGroup", groups.get(i % groups.size())));
        long history = historyService.createHistoricProcessInstanceQuery().finished().count();
        long open = taskService.createTaskQuery().count();
        assertThat(history).isGreaterThanOrEqualTo(HISTORIC);
        assertThat(open).isGreaterThanOrEqualTo(OPEN);
        jdbc.execute("analyze");

        users.create(USER, Groups.BUREAU);
        identityService.setAuthentication(USER, List.of(Groups.BUREAU));
        Filter filter = filterService.createFilterQuery().filterName("本组待办").singleResult();
        assertThat(filter).as("Tasklist filter 本组待办 saved by TasklistFilters").isNotNull();

        long[] nanos = new long[REPETITIONS];
        long count = 0;
        List<Task> page = List.of();
        for (int i = -WARM_UP; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            page = filterService.listPage(filter.getId(), taskService.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15);
            count = filterService.count(filter.getId());
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        assertThat(page).hasSize(15);
        assertThat(count).isEqualTo(taskService.createTaskQuery().taskCandidateGroup(Groups.BUREAU).count());
        Arrays.sort(nanos);
        double p50 = nanos[(int) Math.ceil(0.50 * REPETITIONS) - 1] / 1e6;
        double p95 = nanos[(int) Math.ceil(0.95 * REPETITIONS) - 1] / 1e6;
        double max = nanos[REPETITIONS - 1] / 1e6;

        Map<String, String> line = new LinkedHashMap<>();
        line.put("p50_ms", BenchResults.f1(p50));
        line.put("p95_ms", BenchResults.f1(p95));
        line.put("history", String.valueOf(history));
        line.put("open", String.valueOf(open));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("p50Ms", p50);
        raw.put("p95Ms", p95);
        raw.put("maxMs", max);
        raw.put("historicInstances", history);
        raw.put("openTasks", open);
        raw.put("tasksOfTheGroup", count);
        raw.put("repetitions", REPETITIONS);
        raw.put("warmUp", WARM_UP);
        raw.put("query", "filter 本组待办 as a bureau user (authorization on): listPage(0, 15) by created desc + count");
        raw.put("goal", "p95 < 100 ms");
        BenchResults.record("task_query", line, raw);
    }

    private void deploy(BpmnModelInstance model) {
        repositoryService.createDeployment().name("bench").addModelInstance(model.getModelElementsByType(
                org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId() + ".bpmn", model).deploy();
    }

    /** Starts instances through the engine, {@value #SETUP_BATCH} per transaction, on {@link Bench#THREADS} threads. */
    private void start(int count, String key, IntFunction<Map<String, Object>> variables) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        int batches = (count + SETUP_BATCH - 1) / SETUP_BATCH;
        long nanos = Bench.parallel(batches, Bench.THREADS, batch -> transaction.executeWithoutResult(status -> {
            for (int i = batch * SETUP_BATCH; i < Math.min(count, (batch + 1) * SETUP_BATCH); i++) {
                runtimeService.startProcessInstanceByKey(key, variables.apply(i));
            }
        }));
        System.out.printf("bench %s: %d instances started in %.1f s%n", key, count, Bench.seconds(nanos));
    }
}
