package org.civicflow.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.documents.DocumentService;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** callForProposals: open with policy dates, publish the notice, close at the deadline, summarize at completion. */
@CivicFlowTest
class CallForProposalsProcessTests {

    @Autowired
    FangshanScenario scenario;
    @Autowired
    CallService calls;
    @Autowired
    DocumentService documents;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock("2020-01-10T09:00:00+08:00");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private Job timer(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }

    @Test
    void opensWithTheShippedPolicyDatesAndPublishesTheNoticeWithTheCatalog() {
        ProcessInstance instance = scenario.openCall("CFP-DEFAULTS");

        assertThat(instance).isWaitingAt("Timer_SubmissionDeadline").variables()
                .containsEntry("submissionDeadline", "2020-02-08T00:00+08:00")
                .containsEntry("completionDeadline", "2020-12-11T00:00+08:00")
                .containsEntry("maxApplicationsPerOrg", 2);
        assertThat(instance.getBusinessKey()).isEqualTo("CFP-DEFAULTS");
        CallRound call = calls.call("CFP-DEFAULTS");
        assertThat(call.getStatus()).isEqualTo(CallStatus.OPEN);
        assertThat(call.getDistrict()).isEqualTo("北京市房山区");
        assertThat(call.getExpertReviewers()).isEqualTo(3);

        String notice = documents.find((String) runtimeService.getVariable(instance.getId(), "callNoticeDocumentId"))
                .orElseThrow().getHtml();
        assertThat(notice).contains("2020年2月7日24时").contains("2020年12月10日24时").contains("FS-01").contains("FS-10")
                .contains("1-1").contains("社区治理创新项目").contains("5-2").contains("社工服务能力提升项目")
                .contains("不能超过2个");
        assertThat(calls.catalog("FS-2020")).hasSize(18);
    }

    @Test
    void closesAtTheSubmissionDeadlineAndSummarizesAtTheCompletionDate() {
        ProcessInstance instance = scenario.openCall("CFP-TIMERS", Map.of(
                "submissionDeadline", "2020-03-01T12:00:00+08:00",
                "completionDeadline", "2020-03-31",
                "maxApplicationsPerOrg", 1));
        Job deadline = timer(instance);
        assertThat(deadline.getDuedate().toInstant()).isEqualTo(OffsetDateTime.parse("2020-03-01T12:00:00+08:00").toInstant());

        FangshanScenario.clock("2020-03-01T12:00:00+08:00");
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Timer_CompletionDeadline");
        assertThat(calls.call("CFP-TIMERS").getStatus()).isEqualTo(CallStatus.CLOSED);
        // a bare completion date means the end of that day, Beijing time
        assertThat(timer(instance).getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2020-04-01T00:00:00+08:00").toInstant());

        FangshanScenario.clock("2020-04-01T00:00:01+08:00");
        scenario.executeJobs(instance.getId());
        assertThat(instance).isEnded().hasPassed("Task_SummarizeRound", "EndEvent_RoundCompleted")
                .variables().containsEntry("applicationsReceived", 0).containsKey("summaryDocumentId");
        assertThat(calls.call("CFP-TIMERS").getStatus()).isEqualTo(CallStatus.COMPLETED);
    }

    @Test
    void refusesBadStartVariablesNamingEachFieldAndWritesNothing() {
        assertThatThrownBy(() -> scenario.openCall("CFP BAD", Map.of(
                "submissionDeadline", "明天",
                "maxApplicationsPerOrg", 0)))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("callId").hasMessageContaining("submissionDeadline")
                .hasMessageContaining("maxApplicationsPerOrg");
        assertThat(calls.findCall("CFP BAD")).isEmpty();
    }

    @Test
    void refusesACompletionBeforeTheSubmissionDeadlineAndADuplicateCall() {
        assertThatThrownBy(() -> scenario.openCall("CFP-ORDER", Map.of(
                "submissionDeadline", "2020-05-01T00:00:00+08:00", "completionDeadline", "2020-04-01T00:00:00+08:00")))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("completionDeadline");
        scenario.openCall("CFP-TWICE");
        assertThatThrownBy(() -> scenario.openCall("CFP-TWICE")).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("已存在");
    }
}
