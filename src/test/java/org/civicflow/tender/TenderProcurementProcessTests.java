package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The main path of tenderProcurement: notice, sealed bids, opening, committee, award, signature. */
@CivicFlowTest
class TenderProcurementProcessTests {

    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    TaskService taskService;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RegistryService registry;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
        scenario.experts(5);
        users.create("tenderbureau", Groups.BUREAU);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    @Test
    void aQualifiedBidderWinsAndSignsWithin30Days() {
        ProcessInstance instance = suzhou.start(suzhou.tender("CANGLANG", "2018-05-20T09:00:00+08:00",
                "2018-06-10T09:00:00+08:00"));
        assertThat(instance).isWaitingAt("Timer_BidDeadline").variables().containsEntry("ruleViolations", "");

        String winner = suzhou.qualifiedBidder();
        String other = suzhou.qualifiedBidder();
        assertThat(api.as(suzhou.providerOf(winner)).post("/api/tenders/CANGLANG/bids",
                Map.of("organizationCode", winner, "amount", 2100000)).status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(other)).post("/api/tenders/CANGLANG/bids",
                Map.of("organizationCode", other, "amount", 2150000)).status()).isEqualTo(201);
        Api.Response sealed = api.as("tenderbureau").get("/api/tenders/CANGLANG/bids");
        assertThat(sealed.json().path("bidCount").asInt()).isEqualTo(2);
        assertThat(sealed.json().has("bids")).isFalse();
        assertThat(sealed.body()).doesNotContain("2100000");

        FangshanScenario.clock("2018-06-10T09:00:00+08:00");
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee").variables().containsEntry("qualifiedBidCount", 2);
        Api.Response opened = api.as("tenderbureau").get("/api/tenders/CANGLANG/bids");
        assertThat(opened.json().path("bids")).hasSize(2).allSatisfy(b -> assertThat(b.path("qualified").asBoolean()).isTrue());

        taskService.complete(task(instance).getId(), TransientInput.texts("committeeExperts",
                "expert1,expert2,expert3,expert4", "committeeRepresentatives", "街道代表"));
        taskService.complete(task(instance).getId(), TransientInput.texts("winningOrganizationCode", winner,
                "evaluationReport", "综合评分第一"));
        // the award notice follows the evaluation in its own transaction (Task_EvaluateBids is asyncAfter)
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract").variables().containsEntry("winningOrganizationCode", winner)
                .containsEntry("signingDeadline", "2018-07-10T09:00+08:00");
        taskService.complete(task(instance).getId(), Map.of("contractSigned", true));

        // the street's contract goes on as serviceContract, at the winning bid's amount
        assertThat(instance).isWaitingAt("Task_PerformServiceContract").hasPassed("Task_RecordContract")
                .variables().containsEntry("contractNumber", "HT-CANGLANG-1");
        ProcessInstance contract = runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceContract")
                .processInstanceBusinessKey("HT-CANGLANG-1").singleResult();
        assertThat(contract).isWaitingAt("Task_RegisterServiceTeam").variables()
                .containsEntry("contractKind", "PILOT_UNIT").containsEntry("contractAmount", 2100000.0)
                .containsEntry("organizationGroup", Groups.organization(winner));
        List<Object> ranks = List.of(api.as("tenderbureau").get("/api/tenders/CANGLANG/bids").json().path("bids")
                .findValues("ranking").toArray());
        assertThat(ranks).hasSize(2);
    }

    @Test
    void theEvaluatorsSignedContractEndsTheTenderWithoutAServiceContract() {
        Map<String, Object> variables = suzhou.tender("EVALSIGN", "2018-05-20T09:00:00+08:00", "2018-06-10T09:00:00+08:00");
        variables.put("tenderKind", "EVALUATOR");
        ProcessInstance instance = suzhou.start(variables);
        String evaluator = TenderFixtures.evaluator(registry, 3, 3, 2, 3, 5);
        assertThat(api.as(suzhou.providerOf(evaluator)).post("/api/tenders/EVALSIGN/bids",
                Map.of("organizationCode", evaluator, "amount", 1900000)).status()).isEqualTo(201);
        FangshanScenario.clock("2018-06-10T09:00:00+08:00");
        scenario.executeJobs(instance.getId());
        taskService.complete(task(instance).getId(), TransientInput.texts("committeeExperts",
                "expert1,expert2,expert3,expert4", "committeeRepresentatives", "评估代表"));
        taskService.complete(task(instance).getId(), TransientInput.texts("winningOrganizationCode", evaluator,
                "evaluationReport", "唯一合格"));
        scenario.executeJobs(instance.getId());
        taskService.complete(task(instance).getId(), Map.of("contractSigned", true));

        assertThat(instance).isEnded().hasPassed("Task_RecordContract", "EndEvent_ContractSigned")
                .hasNotPassed("Task_PerformServiceContract");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceContract")
                .processInstanceBusinessKey("HT-EVALSIGN-1").count()).isZero();
    }
}
