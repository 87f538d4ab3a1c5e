package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.TimeZone;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.call.CallService;
import org.civicflow.call.CallStatus;
import org.civicflow.documents.DocumentService;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * FS-01's edge: the 2020 round's deadline 2020年2月7日24时 is the instant 2020-02-08T00:00+08:00, whatever
 * the JVM's default zone (the build also runs this class with user.timezone America/Los_Angeles and
 * Pacific/Kiritimati). Calls are opened without deadline variables, so the policy's default applies.
 */
@CivicFlowTest
class SubmissionDeadlineTests {

    private static final Logger log = LoggerFactory.getLogger(SubmissionDeadlineTests.class);

    static final Instant DEADLINE = OffsetDateTime.parse("2020-02-08T00:00:00+08:00").toInstant();
    static final String CALL = "SD-2020";

    @Autowired
    FangshanScenario scenario;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    CallService calls;
    @Autowired
    DocumentService documents;
    @Autowired
    ProcessEngine engine;

    static boolean opened;

    @BeforeAll
    static void logZone() {
        // informational only: nothing below may depend on it
        log.info("JVM default zone {} (user.timezone={}); deadlines are instants in Asia/Shanghai",
                TimeZone.getDefault().getID(), System.getProperty("user.timezone"));
    }

    @BeforeEach
    void round() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        if (!opened) {
            scenario.openCall(CALL);
            opened = true;
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ProcessInstance applyAt(String isoWithOffset) {
        var org = scenario.organization();
        FangshanScenario.clock(isoWithOffset);
        return scenario.apply(scenario.application(CALL, org));
    }

    @Test
    void theCallTakesThePolicysDeadline() {
        assertThat(calls.call(CALL).getSubmissionDeadline()).isEqualTo(DEADLINE);
    }

    @Test
    void fs01_oneSecondBeforeTheDeadlineIsOnTime() {
        ProcessInstance instance = applyAt("2020-02-07T23:59:59+08:00");
        assertThat(instance).isWaitingAt("Task_DrawReviewers").variables().containsEntry("ruleViolations", "");
    }

    @Test
    void fs01_oneMillisecondBeforeTheDeadlineIsOnTime() {
        ProcessInstance instance = applyAt("2020-02-07T23:59:59.999+08:00");
        assertThat(instance).isWaitingAt("Task_DrawReviewers").variables().containsEntry("ruleViolations", "");
    }

    @Test
    void fs01_atTheDeadlineIsLate() {
        ProcessInstance instance = applyAt("2020-02-08T00:00:00+08:00");

        assertThat(instance).isEnded().hasPassed("EndEvent_ApplicationRejected").variables()
                .containsEntry("ruleViolations", "FS-01").containsEntry("applicationStatus", "REJECTED")
                .containsEntry("submittedAt", "2020-02-08T00:00+08:00");
        String noticeId = (String) historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName("rejectionNoticeDocumentId").singleResult().getValue();
        // the fact in Beijing time, and the deadline as the call states it
        assertThat(documents.find(noticeId).orElseThrow().getHtml())
                .contains("FS-01", "提交时间 2020年2月8日 00:00（北京时间）不早于申报截止时间 2020年2月7日24时");
    }

    @Test
    void fs01_theSameInstantWrittenInUtcIsLateToo() {
        ProcessInstance instance = applyAt("2020-02-07T16:00:00Z");
        assertThat(instance).isEnded().hasPassed("EndEvent_ApplicationRejected").variables()
                .containsEntry("ruleViolations", "FS-01");
    }

    @Test
    void fs01_submissionDeadlineTimerIsDueAtTheDeadlineAndClosesTheCall() {
        String callId = "SD-2020-TIMER";
        ProcessInstance call = scenario.openCall(callId);
        Job timer = managementService.createJobQuery().processInstanceId(call.getId()).timers().singleResult();

        assertThat(call).isWaitingAt("Timer_SubmissionDeadline");
        assertThat(timer.getDuedate()).isEqualTo(Date.from(DEADLINE));

        // one millisecond before: not due, the call stays open
        FangshanScenario.clock(DEADLINE.minusMillis(1));
        assertThat(managementService.createJobQuery().processInstanceId(call.getId()).executable().count()).isZero();
        scenario.executeJobs(call.getId());
        assertThat(calls.call(callId).getStatus()).isEqualTo(CallStatus.OPEN);

        // at the deadline: the timer fires and the call closes
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(call.getId());
        assertThat(call).hasPassed("Task_CloseCall").isWaitingAt("Timer_CompletionDeadline");
        assertThat(calls.call(callId).getStatus()).isEqualTo(CallStatus.CLOSED);
        assertThat(calls.call(callId).getClosedAt()).isEqualTo(DEADLINE);
    }
}
