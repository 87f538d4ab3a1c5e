package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.camunda.bpm.engine.ProcessEngine;
import org.civicflow.documents.DocumentService;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.FangshanScenario.Org;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of projectApplication: rejected, joint approved and refused, declined, funded. */
@CivicFlowTest
class ProjectApplicationProcessTests {

    @Autowired
    FangshanScenario scenario;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    DocumentService documents;
    @Autowired
    ProcessEngine engine;

    static final String CALL = "PA-2020";
    static boolean opened;

    @BeforeEach
    void round() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        scenario.experts(3);
        if (!opened) {
            scenario.openCall(CALL);
            opened = true;
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void reviewAll(ProcessInstance instance, int score) {
        scenario.executeJobs(instance.getId());
        List<Task> reviews = taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_ReviewApplication").list();
        assertThat(reviews).hasSize(3).extracting(Task::getAssignee).doesNotHaveDuplicates();
        for (Task review : reviews) {
            taskService.complete(review.getId(), Map.of("reviewScore", score, "reviewComment", "服务对象明确，方案可行"));
        }
    }

    private Task task(ProcessInstance instance, String key) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    @Test
    void anEligibleApplicationIsReviewedByThreeExpertsAndFunded() {
        Org org = scenario.organization();
        ProcessInstance instance = scenario.apply(scenario.application(CALL, org));

        assertThat(instance).isWaitingAt("Task_DrawReviewers").variables().containsEntry("ruleViolations", "");
        reviewAll(instance, 80);
        assertThat(instance).isWaitingAt("Task_DecideFunding").variables().containsEntry("averageScore", 80.0);
        taskService.complete(task(instance, "Task_DecideFunding").getId(),
                Map.of("fundingApproved", true, "grantedAmount", 120000));

        assertThat(instance).isWaitingAt("Task_PerformServiceContract")
                .hasPassed("Task_SendFundingNotice", "Task_RegisterContract").variables().containsEntry("applicationStatus", "FUNDED").containsEntry("grantedAmount", 120000.0);
        String noticeId = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("fundingNoticeDocumentId").singleResult().getValue();
        assertThat(documents.find(noticeId).orElseThrow().getHtml()).contains("项目立项通知书").contains("120000")
                .contains("FS-11").contains("2020年12月10日24时");
    }

    @Test
    void theBureauMayDecline() {
        ProcessInstance instance = scenario.apply(scenario.application(CALL, scenario.organization()));
        reviewAll(instance, 55);
        taskService.complete(task(instance, "Task_DecideFunding").getId(), Map.of("fundingApproved", false));

        assertThat(instance).isEnded().hasPassed("Task_SendDeclineNotice", "EndEvent_ApplicationDeclined")
                .variables().containsEntry("applicationStatus", "DECLINED");
    }

    @Test
    void aGrantAboveTheRequestIsRefusedAndTheTaskStaysOpen() {
        ProcessInstance instance = scenario.apply(scenario.application(CALL, scenario.organization()));
        reviewAll(instance, 90);
        String taskId = task(instance, "Task_DecideFunding").getId();

        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("fundingApproved", true, "grantedAmount", 150001)))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("grantedAmount");
        assertThat(instance).isWaitingAt("Task_DecideFunding");
    }

    @Test
    void aReviewScoreOutOfRangeIsRefused() {
        ProcessInstance instance = scenario.apply(scenario.application(CALL, scenario.organization()));
        scenario.executeJobs(instance.getId());
        Task review = taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_ReviewApplication").list().get(0);
        assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("reviewScore", 101, "reviewComment", "好")))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("reviewScore");
    }

    @Test
    void anIneligibleApplicationIsRejectedWithItsRulesAndANotice() {
        Org org = scenario.organization(1, 3);
        Map<String, Object> variables = scenario.application(CALL, org);
        variables.put("teamStaffIds", org.uncertified().get(0) + "," + org.uncertified().get(1));
        variables.put("staffPayRaiseAmount", 5000);
        ProcessInstance instance = scenario.apply(variables);

        assertThat(instance).isEnded().hasPassed("Task_SendRejectionNotice", "EndEvent_ApplicationRejected")
                .variables().containsEntry("applicationStatus", "REJECTED").containsEntry("ruleViolations", "FS-05,FS-08");
    }

    @Test
    void aJointApplicationApprovedByTheBureauGoesToReview() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("jointApplicants", scenario.organization().code());
        ProcessInstance instance = scenario.apply(variables);

        assertThat(instance).isWaitingAt("Task_ApproveJointApplication");
        assertThat(task(instance, "Task_ApproveJointApplication")).hasCandidateGroup("bureau");
        taskService.complete(task(instance, "Task_ApproveJointApplication").getId(), Map.of("jointApproved", true));
        assertThat(instance).isWaitingAt("Task_DrawReviewers");
    }

    @Test
    void aJointApplicationRefusedByTheBureauIsRejectedUnderFs07() {
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("jointApplicants", scenario.organization().code());
        ProcessInstance instance = scenario.apply(variables);

        taskService.complete(task(instance, "Task_ApproveJointApplication").getId(), Map.of("jointApproved", false));
        assertThat(instance).isEnded().hasPassed("EndEvent_ApplicationRejected")
                .variables().containsEntry("ruleViolations", "FS-07").containsEntry("applicationStatus", "REJECTED");
    }

    @Test
    void malformedStartVariablesAreRefusedNamingEveryFieldAndNothingIsWritten() {
        long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("projectApplication").count();
        Map<String, Object> variables = scenario.application(CALL, scenario.organization());
        variables.put("organizationCode", "52110111MJ00001225");
        variables.put("requestedAmount", "很多");
        variables.remove("projectTitle");

        assertThatThrownBy(() -> scenario.apply(variables)).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("organizationCode").hasMessageContaining("requestedAmount")
                .hasMessageContaining("projectTitle");
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("projectApplication").count())
                .isEqualTo(before);
    }
}
