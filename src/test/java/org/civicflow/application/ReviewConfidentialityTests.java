package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.FangshanScenario.Org;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Authorizations;
import org.civicflow.system.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each expert reviews independently and the applicant learns the outcome, not who reviewed nor the scores — replayed
 * from the probe: the applicant read {@code reviewers} and each score while the review ran, an expert read the other
 * experts' scores and filed a review under another application or another expert's name.
 */
@CivicFlowTest
class ReviewConfidentialityTests {

    static final String CALL = "REVIEW-2020";
    static boolean opened;

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Authorizations authorizations;

    String applicant;
    String instanceId;
    List<Task> reviews;

    @BeforeEach
    void applicationUnderReview() {
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        scenario.experts(3);
        users.create("reviewbureau", Groups.BUREAU);
        // the test-coverage recorder reads the definition as whoever completes a task (tests only); a definition
        // grant shows no instance
        authorizations.grantGroup(Groups.EXPERT, Resources.PROCESS_DEFINITION, "projectApplication", Permissions.READ);
        if (!opened) {
            scenario.openCall(CALL);
            opened = true;
        }
        Org org = scenario.organization();
        applicant = users.create("rv" + org.code().substring(10, 16), Groups.PROVIDER, Groups.organization(org.code()));
        Api.Response started = api.as(applicant).post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("variables", Api.typed(scenario.application(CALL, org))));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        instanceId = started.json().path("id").asText();
        scenario.executeJobs(instanceId);
        reviews = taskService.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey("Task_ReviewApplication")
                .list();
        assertThat(reviews).hasSize(3);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private Api.Response review(String user, Task task, int score) {
        return api.as(user).post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of(
                "reviewScore", Map.of("value", score, "type", "Integer"),
                "reviewComment", Map.of("value", "服务对象明确，方案可行", "type", "String"))));
    }

    @Test
    void theApplicantSeesNeitherTheExpertsNorTheirScores() {
        for (Task task : reviews) {
            Api.Response filed = review(task.getAssignee(), task, 80);
            assertThat(filed.status()).as(filed.body()).isEqualTo(204);
        }
        List<String> experts = reviews.stream().map(Task::getAssignee).toList();

        JsonNode variables = api.as(applicant).get("/engine-rest/history/variable-instance?processInstanceId=" + instanceId).json();
        assertThat(variables).isNotEmpty();
        assertThat(variables.findValuesAsText("name")).doesNotContain("reviewScore", "reviewComment", "reviewers", "reviewer")
                .contains("averageScore");
        assertThat(variables.toString()).doesNotContain(experts.toArray(String[]::new));
        JsonNode tasks = api.as(applicant).get("/engine-rest/history/task?processInstanceId=" + instanceId
                + "&taskDefinitionKey=Task_ReviewApplication").json();
        assertThat(tasks).hasSize(3);
        for (String path : List.of("/history/task?processInstanceId=", "/history/identity-link-log?processInstanceId=",
                "/history/user-operation?processInstanceId=", "/history/activity-instance?processInstanceId=",
                "/history/detail?processInstanceId=")) {
            String seen = api.as(applicant).get("/engine-rest" + path + instanceId).body();
            assertThat(seen).as(path).doesNotContain(experts.toArray(String[]::new)).doesNotContain("服务对象明确，方案可行");
        }
        // the review records keep who reviewed, for the bureau and audits
        assertThat(jdbc.queryForList("select reviewer from application_review r join project_application a"
                + " on a.application_id = r.application_id where a.process_instance_id = ?", String.class, instanceId))
                .containsExactlyInAnyOrderElementsOf(experts);
    }

    @Test
    void whileTheReviewRunsNobodyReadsAnotherExpertsReviewOrTheDraw() {
        Task first = reviews.get(0);
        Task second = reviews.get(1);
        assertThat(review(first.getAssignee(), first, 91).status()).isEqualTo(204);

        String ownVariables = api.as(second.getAssignee()).get("/engine-rest/task/" + second.getId() + "/variables").body();
        assertThat(ownVariables).doesNotContain("reviewScore", "\"value\":91", "reviewers", first.getAssignee());
        String ownHistory = api.as(second.getAssignee()).get("/engine-rest/history/variable-instance?processInstanceId="
                + instanceId).body();
        assertThat(ownHistory).doesNotContain("reviewScore", "服务对象明确", first.getAssignee());
        String applicantView = api.as(applicant).get("/engine-rest/process-instance/" + instanceId + "/variables").body();
        assertThat(applicantView).doesNotContain("reviewScore", "reviewers", first.getAssignee(), second.getAssignee());
    }

    @Test
    void aReviewTaskTakesNoCommentsOrAttachmentsTheyWouldNameTheirAuthor() {
        Task task = reviews.get(0);
        Api.Response comment = api.as(task.getAssignee()).post("/engine-rest/task/" + task.getId() + "/comment/create",
                Map.of("message", "我是" + task.getAssignee()));
        assertThat(comment.status()).as(comment.body()).isEqualTo(403);
        assertThat(taskService.getTaskComments(task.getId())).isEmpty();
        Api.Response attachment = api.as(task.getAssignee()).post("/engine-rest/task/" + task.getId()
                + "/attachment/create", "--x\r\n");
        assertThat(attachment.status()).as(attachment.body()).isEqualTo(403);
        assertThat(taskService.getTaskAttachments(task.getId())).isEmpty();
    }

    @Test
    void onlyTheDrawnExpertFilesItsReview() {
        Task task = reviews.get(0);
        Api.Response bureau = review("reviewbureau", task, 100);
        assertThat(bureau.status()).as(bureau.body()).isEqualTo(403);

        Api.Response forged = api.as(task.getAssignee()).post("/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of(
                        "reviewScore", Map.of("value", 90, "type", "Integer"),
                        "reviewComment", Map.of("value", "可行", "type", "String"),
                        "applicationId", Map.of("value", "OTHER-0001", "type", "String"),
                        "reviewAssignment", Map.of("value", "x", "type", "String"))));
        assertThat(forged.status()).as(forged.body()).isEqualTo(400);
        assertThat(forged.errorFields()).containsExactlyInAnyOrder("applicationId", "reviewAssignment");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
        assertThat(jdbc.queryForObject("select count(*) from application_review r join project_application a"
                + " on a.application_id = r.application_id where a.process_instance_id = ?", Long.class, instanceId))
                .isZero();
    }
}
