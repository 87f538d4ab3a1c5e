package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.civicflow.system.UnitGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A 苏州 unit's contract belongs to its own street and communities (SZ-16 agreement, SZ-09 assessments): their
 * groups {@code street-{unit}} and {@code community-{unit}} get its tasks and may read it; the staff of another
 * street or community see neither.
 */
@CivicFlowTest
class UnitStaffTests {

    static final String OTHER_UNIT = "SZ-TEST-OTHER";

    @Autowired
    ContractScenario scenario;
    @Autowired
    UnitGroups unitGroups;
    @Autowired
    TestUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void staff() {
        ProcessEngineTests.init(engine);
        unitGroups.ensure(ContractScenario.UNIT, "测试街道"); // startPilot ensures it too; the users come first
        unitGroups.ensure(OTHER_UNIT, "另一街道");
        users.create("unitstreet", Groups.STREET, Groups.street(ContractScenario.UNIT));
        users.create("unitcommunity", Groups.COMMUNITY, Groups.community(ContractScenario.UNIT));
        users.create("otherstreet", Groups.STREET, Groups.street(OTHER_UNIT));
        users.create("othercommunity", Groups.COMMUNITY, Groups.community(OTHER_UNIT));
    }

    @AfterEach
    void reset() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    @Test
    void sz16_theAgreementIsTheUnitsOwnStreetsTask() {
        ProcessInstance instance = pilotWithPlan();

        assertThat(instance).task("Task_ConfirmServiceAgreement").hasCandidateGroup(Groups.street(ContractScenario.UNIT));
        assertThat(visibleTasks("unitstreet", Groups.STREET, Groups.street(ContractScenario.UNIT), instance))
                .containsExactly("Task_ConfirmServiceAgreement");
        assertThat(visibleTasks("otherstreet", Groups.STREET, Groups.street(OTHER_UNIT), instance)).isEmpty();
        assertThat(readsInstance("unitstreet", Groups.STREET, Groups.street(ContractScenario.UNIT), instance)).isTrue();
        assertThat(readsInstance("otherstreet", Groups.STREET, Groups.street(OTHER_UNIT), instance)).isFalse();
    }

    @Test
    void sz09_theAnnualAssessmentsAreTheUnitsOwnStreetsAndCommunitiesTasks() {
        ProcessInstance instance = pilotWithPlan();
        scenario.complete(instance, "Task_ConfirmServiceAgreement", ContractScenario.agreement());
        for (String after : List.of("2018-10-02", "2019-01-02", "2019-04-02")) {
            scenario.reportQuarter(instance, OffsetDateTime.parse(after + "T10:00:00+08:00").toInstant(),
                    ContractScenario.goodQuarter());
        }
        // the fourth report closes the first contract year: both assessments open
        FangshanScenario.clock(OffsetDateTime.parse("2019-07-02T10:00:00+08:00").toInstant());
        scenario.executeJobs(instance);
        scenario.complete(instance, "Task_SubmitQuarterlyReport", ContractScenario.goodQuarter());

        assertThat(visibleTasks("unitstreet", Groups.STREET, Groups.street(ContractScenario.UNIT), instance))
                .containsExactly("Task_AssessYearByStreet");
        assertThat(visibleTasks("unitcommunity", Groups.COMMUNITY, Groups.community(ContractScenario.UNIT), instance))
                .containsExactly("Task_AssessYearByCommunity");
        assertThat(visibleTasks("otherstreet", Groups.STREET, Groups.street(OTHER_UNIT), instance)).isEmpty();
        assertThat(visibleTasks("othercommunity", Groups.COMMUNITY, Groups.community(OTHER_UNIT), instance)).isEmpty();
        assertThat(readsInstance("othercommunity", Groups.COMMUNITY, Groups.community(OTHER_UNIT), instance)).isFalse();
    }

    /** A pilot contract whose team is formed and whose plan is in: the agreement is the street's. */
    private ProcessInstance pilotWithPlan() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        scenario.complete(instance, "Task_PrepareExecutionPlan", ContractScenario.plan());
        return instance;
    }

    /** The task definition keys of the instance's open tasks a user finds through their groups (authorization on). */
    private List<String> visibleTasks(String userId, String role, String unitGroup, ProcessInstance instance) {
        identityService.setAuthentication(userId, List.of(role, unitGroup));
        try {
            return taskService.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroupIn(
                    List.of(role, unitGroup)).list().stream().map(Task::getTaskDefinitionKey).sorted().toList();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private boolean readsInstance(String userId, String role, String unitGroup, ProcessInstance instance) {
        identityService.setAuthentication(userId, List.of(role, unitGroup));
        try {
            return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 1
                    && historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count() == 1;
        } finally {
            identityService.clearAuthentication();
        }
    }
}
