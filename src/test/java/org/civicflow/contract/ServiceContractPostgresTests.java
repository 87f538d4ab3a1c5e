package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.support.CivicFlowPostgresTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** serviceContract on PostgreSQL: the schema (Flyway V7) and the whole 苏州 lifecycle with a late team. */
@CivicFlowPostgresTest
class ServiceContractPostgresTests {

    @Autowired
    ContractScenario scenario;
    @Autowired
    ContractService contracts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aUnitSixteenDaysLateIsDeductedReportsEveryQuarterAndIsPaidByTheFormula() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        FangshanScenario.clock("2018-07-16T00:00:00+08:00");
        scenario.executeJobs(instance);
        assertThat(instance).hasPassed("Task_RecordTeamDeduction").isWaitingAt("Task_RegisterServiceTeam");
        FangshanScenario.clock("2018-07-17T09:00:00+08:00");
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        scenario.complete(instance, "Task_PrepareExecutionPlan", ContractScenario.plan());
        scenario.complete(instance, "Task_ConfirmServiceAgreement", ContractScenario.agreement());
        for (String at : new String[] {"2018-10-02", "2019-01-02", "2019-04-02", "2019-07-02", "2019-10-02",
                "2020-01-02", "2020-04-02", "2020-07-02"}) {
            scenario.reportQuarter(instance, java.time.OffsetDateTime.parse(at + "T10:00:00+08:00").toInstant(),
                    ContractScenario.goodQuarter());
        }
        scenario.complete(instance, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true, "finalScore", 88,
                "acceptanceComment", "达标"));

        // 88 − 5 = 83 → 0.95
        assertThat(instance).isEnded().hasPassed("EndEvent_ContractCompleted").variables()
                .containsEntry("evaluationDeductions", 5).containsEntry("paymentAmount", 2090000.0);
        String number = instance.getBusinessKey();
        assertThat(jdbc.queryForObject("select count(*) from quarterly_report where contract_number = ? and status = 'SUBMITTED'",
                Integer.class, number)).isEqualTo(8);
        assertThat(jdbc.queryForObject("select count(*) from report_community_figures f join quarterly_report r "
                + "on f.report_id = r.id where r.contract_number = ?", Integer.class, number)).isEqualTo(40);
        assertThat(jdbc.queryForObject("select count(*) from contract_team_member where contract_number = ?",
                Integer.class, number)).isEqualTo(10);
        assertThat(jdbc.queryForObject("select points from contract_penalty where contract_number = ?", Integer.class,
                number)).isEqualTo(5);
        assertThat(contracts.contract(number).getPaymentAmount()).isEqualByComparingTo("2090000.00");
    }
}
