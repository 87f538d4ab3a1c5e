package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicflow.tender.TenderFixtures.DEADLINE;
import static org.civicflow.tender.TenderFixtures.ISSUED;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sealed bids open only at the bid deadline, whoever fires Timer_BidDeadline: executing its job early (an
 * administrator through the engine REST API, or the Java API) loops back at Gateway_BidDeadlineReached to the same
 * timer, due at the same deadline with its retries intact, and nothing is opened; TenderService refuses to open
 * early even when Task_OpenBids is reached another way (instance modification); the bureau may not operate on jobs.
 */
@CivicFlowTest
class BidDeadlineGuardTests {

    private static final String BUREAU = "bdgbureau";
    private static final String ADMIN = "bdgadmin";
    private static final String EARLY = "2018-05-25T10:00:00+08:00";

    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TenderService tenders;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(ISSUED);
        users.create(BUREAU, Groups.BUREAU);
        users.create(ADMIN, Groups.ADMIN);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** A tender with one qualified bid, waiting for its bid deadline. */
    private ProcessInstance tenderWithABid(String unit) {
        ProcessInstance instance = suzhou.start(suzhou.tender(unit, ISSUED, DEADLINE));
        assertThat(instance).isWaitingAt("Timer_BidDeadline");
        String code = suzhou.qualifiedBidder();
        assertThat(api.as(suzhou.providerOf(code)).post("/api/tenders/" + unit + "/bids",
                Map.of("organizationCode", code, "amount", 2_000_000)).status()).isEqualTo(201);
        return instance;
    }

    private Job timer(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }

    private static Date deadline() {
        return Date.from(OffsetDateTime.parse(DEADLINE).toInstant());
    }

    /** Nothing opened: the bids API says sealed, no bid was qualified, the tender still takes bids. */
    private void assertStillSealed(String unit, ProcessInstance instance) {
        assertThat(instance).isWaitingAt("Timer_BidDeadline").hasNotPassed("Task_OpenBids");
        Job timer = timer(instance);
        assertThat(timer).isNotNull();
        assertThat(timer.getDuedate()).isEqualTo(deadline());
        assertThat(timer.getRetries()).isEqualTo(3);
        assertThat(timer.getExceptionMessage()).isNull();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        JsonNode view = api.as(BUREAU).get("/api/tenders/" + unit + "/bids").json();
        assertThat(view.path("sealed").asBoolean()).isTrue();
        assertThat(view.has("bids")).isFalse();
        Tender tender = tenders.require(unit);
        assertThat(tender.getStatus()).isEqualTo(TenderStatus.OPEN);
        assertThat(tenders.bids(tender)).allSatisfy(b -> assertThat(b.getQualified()).isNull());
        assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys("qualifiedBidCount", "bidCount");
    }

    @Test
    void anAdministratorExecutingTheTimerEarlyOpensNothingAndTheTimerWaitsForTheSameDeadline() {
        ProcessInstance instance = tenderWithABid("BDGREST");
        FangshanScenario.clock(EARLY);
        String jobId = timer(instance).getId();

        Api.Response executed = api.as(ADMIN).post("/engine-rest/job/" + jobId + "/execute", null);
        assertThat(executed.status()).as(executed.body()).isEqualTo(204);

        assertThat(instance).hasPassed("Gateway_BidDeadlineReached");
        assertStillSealed("BDGREST", instance);
        // a bid before the deadline is still accepted
        String late = suzhou.qualifiedBidder();
        assertThat(api.as(suzhou.providerOf(late)).post("/api/tenders/BDGREST/bids",
                Map.of("organizationCode", late, "amount", 1_900_000)).status()).isEqualTo(201);

        // at the deadline the timer (due then) opens them
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee").variables().containsEntry("bidCount", 2)
                .containsEntry("qualifiedBidCount", 2);
        assertThat(api.as(BUREAU).get("/api/tenders/BDGREST/bids").json().path("sealed").asBoolean()).isFalse();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Timer_BidDeadline").count()).isEqualTo(2);
    }

    @Test
    void executingTheTimerEarlyThroughTheJavaApiLoopsBackToTheSameDeadline() {
        ProcessInstance instance = tenderWithABid("BDGJAVA");
        FangshanScenario.clock(OffsetDateTime.parse(DEADLINE).minusSeconds(1).toInstant());
        managementService.executeJob(timer(instance).getId());
        assertStillSealed("BDGJAVA", instance);
        // twice early: still the same
        managementService.executeJob(timer(instance).getId());
        assertStillSealed("BDGJAVA", instance);

        FangshanScenario.clock(OffsetDateTime.parse(DEADLINE).plusMinutes(5).toInstant());
        managementService.executeJob(timer(instance).getId());
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee").hasPassed("Task_OpenBids");
        assertThat(tenders.require("BDGJAVA").getStatus()).isEqualTo(TenderStatus.EVALUATING);
    }

    @Test
    void openingBidsBeforeTheDeadlineIsRefusedWhateverLeadsThere() {
        ProcessInstance instance = tenderWithABid("BDGMODIFY");
        FangshanScenario.clock(EARLY);
        String tenderId = tenders.require("BDGMODIFY").getTenderId();
        assertThatThrownBy(() -> tenders.openBids(tenderId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("之前不能开标");

        // an administrator moving the token past the timer: the opening itself refuses, the modification rolls back
        assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instance.getId())
                .startBeforeActivity("Task_OpenBids").cancelAllForActivity("Timer_BidDeadline").execute())
                .hasMessageContaining("之前不能开标");
        assertStillSealed("BDGMODIFY", instance);
    }

    @Test
    void theBureauCannotExecuteRescheduleRetryOrSuspendTheTimer() {
        ProcessInstance instance = tenderWithABid("BDGBUREAU");
        FangshanScenario.clock(EARLY);
        String jobId = timer(instance).getId();
        Api.Caller bureau = api.as(BUREAU);
        for (Api.Response refused : new Api.Response[] {
                bureau.post("/engine-rest/job/" + jobId + "/execute", null),
                bureau.put("/engine-rest/job/" + jobId + "/duedate", Map.of("duedate", "2018-05-25T10:00:00.000+0800")),
                bureau.post("/engine-rest/job/" + jobId + "/duedate/recalculate", null),
                bureau.put("/engine-rest/job/" + jobId + "/retries", Map.of("retries", 0)),
                bureau.put("/engine-rest/job/" + jobId + "/suspended", Map.of("suspended", true)),
                bureau.put("/engine-rest/job/" + jobId + "/priority", Map.of("priority", 10)),
                bureau.post("/engine-rest/job/retries", Map.of("jobIds", java.util.List.of(jobId), "retries", 0)),
                bureau.send("DELETE", "/engine-rest/job/" + jobId, null),
                bureau.put("/engine-rest/job-definition/" + timer(instance).getJobDefinitionId() + "/suspended",
                        Map.of("suspended", true, "includeJobs", true))}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        }
        // nor through the engine itself (its grants no longer allow it), e.g. modifying the instance
        assertThat(bureau.post("/engine-rest/process-instance/" + instance.getId() + "/modification",
                Map.of("instructions", java.util.List.of(Map.of("type", "startBeforeActivity",
                        "activityId", "Task_OpenBids")))).status()).isEqualTo(403);
        assertThat(timer(instance).getId()).isEqualTo(jobId);
        assertThat(timer(instance).isSuspended()).isFalse();
        assertStillSealed("BDGBUREAU", instance);
        // reading jobs stays allowed
        assertThat(bureau.get("/engine-rest/job?processInstanceId=" + instance.getId()).json()).hasSize(1);
    }
}
