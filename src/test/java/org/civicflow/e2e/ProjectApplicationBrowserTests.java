package org.civicflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.application.ApplicationService;
import org.civicflow.application.ApplicationStatus;
import org.civicflow.application.ProjectApplication;
import org.civicflow.support.ActiveEngineListener;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The 房山 application path in a real browser (headless Chromium), as its users do it: a provider applies through
 * the Tasklist start form, an expert completes a review through the task form, the bureau claims and decides the
 * funding, and the manager dashboard shows the funded project and the round's figures. The application runs on a
 * random port with the test profile (no job executor: the test runs the async draw of reviewers itself); the
 * engine clock is inside the 2020 round, and the server uses that clock, so the browser's submission is on time.
 * Screenshots of every step go to target/e2e-screenshots/. Runs in the e2e profile: {@code ./mvnw verify -Pe2e}.
 * <p>
 * Like {@link org.civicflow.support.CivicFlowTest} but without the process-test coverage recorder: its execution
 * listener reads the process definition through the engine's authorization checks as whoever is logged in, so an
 * expert (who may work on the task but not read the process definition) would get a 403 on completing a review in
 * Tasklist, which the application itself does not do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Selenium looks for DevTools bindings of this Chromium version, which these tests do not use
        "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error",
        "logging.level.org.openqa.selenium.chromium.ChromiumDriver=error"})
@ActiveProfiles("test")
@Import({TestUsers.class, FangshanScenario.class})
@TestExecutionListeners(listeners = ActiveEngineListener.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@ExtendWith(Browser.Installed.class)
class ProjectApplicationBrowserTests {

    static final String CALL = "FS-2020";
    static final String TITLE = "独居老人心理关怀服务（浏览器测试）";

    @LocalServerPort
    int port;
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    TestUsers users;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TaskService taskService;
    @Autowired
    ApplicationService applications;

    final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsersAndResetClock() {
        browsers.forEach(Browser::close);
        browsers.clear();
        ClockUtil.reset();
    }

    private Browser browser(String user) {
        Browser browser = Browser.open("http://localhost:" + port, user);
        browsers.add(browser);
        return browser;
    }

    @Test
    void aProviderAppliesAnExpertReviewsTheBureauFundsAndTheDashboardShowsIt() {
        try {
            applyReviewDecide();
        } catch (RuntimeException | AssertionError e) {
            for (Browser browser : browsers) {
                browser.screenshot("failure-" + browser.user());
            }
            throw e;
        }
    }

    private void applyReviewDecide() {
        // registry facts and the 2020 call; the server works on the engine clock, inside the round
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        FangshanScenario.Org org = fangshan.organization();
        fangshan.openCall(CALL);
        String provider = users.create("e2eprovider", Groups.PROVIDER, Groups.organization(org.code()));
        List<String> experts = fangshan.experts(3); // exactly the 3 the call draws
        String bureau = users.create("e2ebureau", Groups.BUREAU);
        String team = org.team().stream().map(String::valueOf).collect(Collectors.joining(","));

        // a. the provider applies through the Tasklist start form
        Browser providerBrowser = browser(provider);
        providerBrowser.logIntoTasklist();
        providerBrowser.screenshot("01-provider-tasklist");
        providerBrowser.click(".start-process-action a");
        providerBrowser.clickText("div.modal-content ul.processes a", "项目申报");
        providerBrowser.visible("[id$='-Field_callId']");
        providerBrowser.type("Field_callId", CALL);
        providerBrowser.type("Field_organizationCode", org.code());
        providerBrowser.choose("Field_catalogCode", "2-3 ");
        providerBrowser.type("Field_projectTitle", TITLE);
        providerBrowser.type("Field_targetBeneficiaries", "辖区60岁以上独居老人");
        providerBrowser.type("Field_minBeneficiaries", "120");
        providerBrowser.type("Field_requestedAmount", "150000");
        providerBrowser.type("Field_leadStaffId", String.valueOf(org.lead()));
        providerBrowser.type("Field_teamStaffIds", team);
        providerBrowser.letFormSettle();
        providerBrowser.screenshot("02-provider-start-form");
        providerBrowser.click(".modal-footer button[ng-click='startProcessInstance()']");
        providerBrowser.until(d -> d.findElements(By.cssSelector("div.modal-content")).isEmpty());
        HistoricProcessInstance started = providerBrowser.until(d -> historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey("projectApplication").singleResult());
        providerBrowser.screenshot("03-provider-started");

        String instanceId = started.getId();
        assertThat(started.getStartUserId()).isEqualTo(provider);
        Map<String, Object> submitted = runtimeService.getVariables(instanceId);
        assertThat(submitted).containsEntry("callId", CALL).containsEntry("organizationCode", org.code())
                .containsEntry("catalogCode", "2-3").containsEntry("projectTitle", TITLE)
                .containsEntry("targetBeneficiaries", "辖区60岁以上独居老人").containsEntry("teamStaffIds", team)
                .containsEntry("alreadyFundedByDistrict", false);
        assertThat(((Number) submitted.get("minBeneficiaries")).intValue()).isEqualTo(120);
        assertThat(((Number) submitted.get("requestedAmount")).intValue()).isEqualTo(150000);
        assertThat(((Number) submitted.get("leadStaffId")).longValue()).isEqualTo(org.lead());
        assertThat(((Number) submitted.get("staffPayRaiseAmount")).intValue()).isZero();
        assertThat(submitted.get("ruleViolations")).as("eligible: no rule broken").isIn("", null);
        String applicationId = (String) submitted.get("applicationId");
        assertThat(applications.application(applicationId).getProjectTitle()).isEqualTo(TITLE);

        // the reviewers are drawn after the submission's transaction (async; no job executor in tests)
        fangshan.executeJobs(instanceId);
        List<Task> reviews = taskService.createTaskQuery().processInstanceId(instanceId)
                .taskDefinitionKey("Task_ReviewApplication").list();
        assertThat(reviews).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(experts);

        // b. one drawn expert reviews in the browser: the task is already theirs (独立评审), in 我的待办
        Task review = reviews.get(0);
        Browser expertBrowser = browser(review.getAssignee());
        expertBrowser.logIntoTasklist();
        expertBrowser.filter("我的待办");
        expertBrowser.screenshot("04-expert-tasklist");
        expertBrowser.openTask("评审申报材料", "Field_reviewScore");
        expertBrowser.claimIfUnassigned("Field_reviewScore");
        assertThat(expertBrowser.value("Field_projectTitle")).isEqualTo(TITLE);
        expertBrowser.type("Field_reviewScore", "88");
        expertBrowser.type("Field_reviewComment", "服务对象明确，方案可行，团队持证。");
        expertBrowser.letFormSettle();
        expertBrowser.screenshot("05-expert-review-form");
        expertBrowser.completeTask();
        expertBrowser.until(d -> taskService.createTaskQuery().taskId(review.getId()).count() == 0);
        expertBrowser.screenshot("06-expert-review-completed");
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(review.getId()).singleResult()
                .getDeleteReason()).isEqualTo("completed");

        // c. the other two experts review through the Java API; the bureau claims and decides in the browser
        for (Task other : reviews.subList(1, reviews.size())) {
            taskService.complete(other.getId(), Map.of("reviewScore", 85, "reviewComment", "可行"));
        }
        assertThat(applications.application(applicationId).getAverageScore()).isEqualByComparingTo("86");
        Task decision = taskService.createTaskQuery().processInstanceId(instanceId)
                .taskDefinitionKey("Task_DecideFunding").singleResult();
        assertThat(decision.getAssignee()).isNull();

        Browser bureauBrowser = browser(bureau);
        bureauBrowser.logIntoTasklist();
        bureauBrowser.filter("本组待办");
        bureauBrowser.screenshot("07-bureau-tasklist");
        bureauBrowser.openTask("决定立项资助", "Field_fundingApproved");
        bureauBrowser.claimIfUnassigned("Field_fundingApproved");
        assertThat(taskService.createTaskQuery().taskId(decision.getId()).singleResult().getAssignee()).isEqualTo(bureau);
        assertThat(bureauBrowser.value("Field_projectTitle")).isEqualTo(TITLE);
        assertThat(bureauBrowser.value("Field_averageScore")).isEqualTo("86");
        assertThat(bureauBrowser.driver().findElements(By.cssSelector("[id$='-Field_grantedAmount']")))
                .as("the amount shows only once funding is approved").isEmpty();
        bureauBrowser.click("input[type=checkbox][id$='-Field_fundingApproved']");
        bureauBrowser.type("Field_grantedAmount", "120000");
        bureauBrowser.type("Field_decisionComment", "同意立项，资助十二万元。");
        bureauBrowser.letFormSettle();
        bureauBrowser.screenshot("08-bureau-decision-form");
        bureauBrowser.completeTask();
        bureauBrowser.until(d -> taskService.createTaskQuery().taskId(decision.getId()).count() == 0);
        bureauBrowser.screenshot("09-bureau-decision-completed");

        ProjectApplication funded = applications.application(applicationId);
        assertThat(funded.getStatus()).isEqualTo(ApplicationStatus.FUNDED);
        assertThat(funded.getGrantedAmount()).isEqualByComparingTo(new BigDecimal("120000"));
        assertThat(runtimeService.getVariable(instanceId, "applicationStatus")).isEqualTo("FUNDED");

        // d. the dashboard, in the bureau's Tasklist session
        bureauBrowser.get("/dashboard");
        bureauBrowser.visible("div.figures");
        String page = bureauBrowser.bodyText();
        assertThat(page).contains("当前用户 " + bureau, "项目征集与申报", CALL, TITLE, org.code().substring(10, 16));
        Map<String, String> figures = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        WebElement round = bureauBrowser.driver().findElements(By.cssSelector("div.figures")).get(0);
        for (WebElement figure : round.findElements(By.cssSelector("div.figure"))) {
            String label = figure.findElement(By.cssSelector(".label")).getText();
            figures.put(label, figure.findElement(By.cssSelector(".value")).getText());
            figure.findElements(By.cssSelector(".note")).forEach(note -> notes.put(label, note.getText()));
        }
        assertThat(figures).containsEntry("申报", "1").containsEntry("已驳回", "0").containsEntry("未立项", "0")
                .containsEntry("已立项", "1").containsEntry("审查、评审中", "0");
        assertThat(notes).containsEntry("已立项", "资助 120,000.00 元");
        WebElement row = bureauBrowser.until(d -> d.findElements(By.cssSelector("tr")).stream()
                .filter(r -> r.getText().contains(applicationId)).findFirst().orElse(null));
        assertThat(row.getText()).contains(TITLE, "已立项", "120,000.00", "项目立项通知书");
        bureauBrowser.screenshot("10-bureau-dashboard", true);
    }
}
