package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.CivicFlowPostgresTest;
import org.civicflow.support.FangshanScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The application lifecycle on a real PostgreSQL: rules, reviews, funding, deadlines as instants. */
@CivicFlowPostgresTest
class ProjectApplicationPostgresTests {

    @Autowired
    FangshanScenario scenario;
    @Autowired
    TaskService taskService;
    @Autowired
    RegistryService registry;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        scenario.experts(3);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void runsOnPostgresql() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void anApplicationIsReviewedAndFunded() {
        scenario.openCall("PG-FUND");
        ProcessInstance instance = scenario.apply(scenario.application("PG-FUND", scenario.organization()));
        scenario.executeJobs(instance.getId());
        List<Task> reviews = taskService.createTaskQuery().processInstanceId(instance.getId()).list();
        assertThat(reviews).hasSize(3);
        reviews.forEach(t -> taskService.complete(t.getId(), Map.of("reviewScore", 88, "reviewComment", "同意")));
        Task decision = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        taskService.complete(decision.getId(), Map.of("fundingApproved", true, "grantedAmount", 100000.5));

        assertThat(instance).isWaitingAt("Task_PerformServiceContract").variables()
                .containsEntry("applicationStatus", "FUNDED");
    }

    @Test
    void aPenalisedLateApplicationIsRejectedWithBothRules() {
        scenario.openCall("PG-LATE");
        FangshanScenario.Org org = scenario.organization();
        registry.addCreditRecord(org.code(), CreditRecordKind.ADMINISTRATIVE_PENALTY, java.time.LocalDate.of(2019, 3, 1), "违规收费");
        FangshanScenario.clock("2020-02-08T00:00:00+08:00");
        ProcessInstance instance = scenario.apply(scenario.application("PG-LATE", org));

        assertThat(instance).isEnded().hasPassed("EndEvent_ApplicationRejected").variables()
                .containsEntry("ruleViolations", "FS-01,FS-03");
    }
}
