package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The manager dashboard over data made by the real processes: a 房山 round with a funded project and
 * applications rejected under FS-08 and FS-09; a 苏州 tender with a qualified and a disqualified bid whose
 * contract is deducted under SZ-06 for a late team; a unit contract accepted and paid (SZ-13). Then who may
 * see what, and that data is escaped.
 */
@CivicFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTests {

    static final String HOSTILE_TITLE = "<script>alert('看板')</script>独居老人关怀";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    ContractScenario contracts;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;

    String provider;
    String fundedApplicationId;

    boolean prepared;

    /** Once per class, but inside a test: the coverage recorder only accepts engine work during a test run. */
    @BeforeEach
    void processesRun() {
        if (prepared) {
            return;
        }
        prepared = true;
        users.create("dashbureau", Groups.BUREAU);
        users.create("dashstreet", Groups.STREET);
        users.create("dashcommunity", Groups.COMMUNITY);
        fangshan.experts(5);

        // 苏州: a tender for one street, a qualified and a disqualified bidder, signed; the team comes late
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
        ProcessInstance tender = suzhou.start(suzhou.tender("DASHUNIT", "2018-05-20T09:00:00+08:00",
                "2018-06-10T09:00:00+08:00"));
        // the tender made the unit's groups: dashstreet works for this street, dashotherstreet for another
        users.create("dashstreet", Groups.street("DASHUNIT"));
        users.create("dashotherstreet", Groups.STREET);
        String winner = suzhou.qualifiedBidder();
        String weak = fangshan.organization().code();
        provider = suzhou.providerOf(winner);
        assertThat(api.as(provider).post("/api/tenders/DASHUNIT/bids",
                Map.of("organizationCode", winner, "amount", 2100000)).status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(weak)).post("/api/tenders/DASHUNIT/bids",
                Map.of("organizationCode", weak, "amount", 1800000)).status()).isEqualTo(201);
        FangshanScenario.clock("2018-06-10T09:00:00+08:00");
        fangshan.executeJobs(tender.getId());
        taskService.complete(task(tender).getId(), TransientInput.texts("committeeExperts",
                "expert1,expert2,expert3,expert4", "committeeRepresentatives", "街道代表"));
        taskService.complete(task(tender).getId(), TransientInput.texts("winningOrganizationCode", winner,
                "evaluationReport", "综合评分第一"));
        // the award notice follows the evaluation in its own transaction (Task_EvaluateBids is asyncAfter)
        fangshan.executeJobs(tender.getId());
        taskService.complete(task(tender).getId(), Map.of("contractSigned", true));
        ProcessInstance contract = runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceContract")
                .processInstanceBusinessKey("HT-DASHUNIT-1").singleResult();
        FangshanScenario.clock("2018-07-16T00:00:00+08:00");
        fangshan.executeJobs(contract.getId());

        // 苏州: another unit's contract, on time, accepted and paid
        ProcessInstance paid = contracts.pilotUntilAcceptance(contracts.pilotOrganization(), ContractScenario.goodQuarter());
        contracts.complete(paid, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true, "finalScore", 88,
                "acceptanceComment", "各项指标均已达成"));

        // 房山: one funded project (with a title that must not become markup), two rejected applications
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        fangshan.openCall("DASH-FS");
        Map<String, Object> funded = fangshan.application("DASH-FS", fangshan.organization());
        funded.put("projectTitle", HOSTILE_TITLE);
        ProcessInstance application = fangshan.apply(funded);
        fangshan.executeJobs(application.getId());
        taskService.createTaskQuery().processInstanceId(application.getId()).taskDefinitionKey("Task_ReviewApplication")
                .list().forEach(t -> taskService.complete(t.getId(), Map.of("reviewScore", 85, "reviewComment", "可行")));
        taskService.complete(task(application).getId(), Map.of("fundingApproved", true, "grantedAmount", 100000));
        fundedApplicationId = (String) runtimeService.getVariable(application.getId(), "applicationId");

        Map<String, Object> payRaise = fangshan.application("DASH-FS", fangshan.organization());
        payRaise.put("staffPayRaiseAmount", 5000);
        fangshan.executeJobs(fangshan.apply(payRaise).getId());
        Map<String, Object> both = fangshan.application("DASH-FS", fangshan.organization());
        both.put("staffPayRaiseAmount", 3000);
        both.put("alreadyFundedByDistrict", true);
        fangshan.executeJobs(fangshan.apply(both).getId());
        ClockUtil.reset();
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    @Test
    void theBureauSeesEveryStageWithRuleIdsChartsAndLinks() {
        Api.Response page = api.as("dashbureau").get("/dashboard");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        String html = page.body();
        assertThat(html).contains("管理看板", "项目征集与申报", "招投标", "合同履约与结项", "逾期任务");
        // rejections by rule id with their counts: FS-08 twice, FS-09 once (table and chart)
        assertThat(html).contains("<td>FS-08</td><td>2</td>", "<td>FS-09</td><td>1</td>", "FS-08：2", "FS-09：1");
        assertThat(html).contains("<svg", "<rect", "申报截止 2020年2月7日24时");
        assertThat(html).contains("/camunda/app/cockpit/default/#/process-instance/", "/api/documents/",
                "/camunda/app/tasklist/default/#/?task=");
        // the tender: disqualified bid by rule, the award; the contract's SZ-06 deduction with days late
        assertThat(html).contains("DASHUNIT-1", "已签约", "2,100,000.00", "资格审查不合格投标（按规则）", "SZ-03");
        assertThat(html).contains("<td>SZ-06</td><td>评估扣分</td><td>15天</td><td>5分</td>");
        // the paid contract (2,200,000 × 0.95) and the funded project's grant
        assertThat(html).contains("2,090,000.00", "已结项", "100,000.00", "项目立项通知书", "申报驳回通知书");
        // the late team's registration task is overdue
        assertThat(html).contains("登记服务团队");
    }

    @Test
    void dataIsEscapedNeverMarkup() {
        String html = api.as("dashbureau").get("/dashboard").body();

        assertThat(html).contains("&lt;script&gt;alert(&#39;看板&#39;)&lt;/script&gt;独居老人关怀")
                .doesNotContain("<script>").doesNotContain("<script");
    }

    @Test
    void aStreetSeesThePilotOnly() {
        Api.Response page = api.as("dashstreet").get("/dashboard");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("招投标", "合同履约与结项", "DASHUNIT-1", "街道视图")
                .doesNotContain("项目征集与申报").doesNotContain("独居老人关怀").doesNotContain("HT-" + fundedApplicationId);
    }

    @Test
    void anotherStreetSeesNeitherThisUnitsTenderNorItsContract() {
        Api.Response page = api.as("dashotherstreet").get("/dashboard");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("街道视图", "暂无招标", "暂无合同").doesNotContain("DASHUNIT");
    }

    @Test
    void providersExpertsAndCommunitiesAreForbidden() {
        for (String user : List.of(provider, "expert1", "dashcommunity")) {
            Api.Response page = api.as(user).get("/dashboard");
            assertThat(page.status()).as(user).isEqualTo(403);
            assertThat(page.body()).as(user).contains("无权访问").doesNotContain("招投标");
        }
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordTheAnswerIs401WithABasicChallenge() {
        // a user of its own: wrong passwords count toward the login throttle's limits for that user (LoginThrottle)
        users.create("dashwrongpw", Groups.BUREAU);
        for (Api.Response page : List.of(api.anonymous().get("/dashboard"), api.as("dashwrongpw", "wrong").get("/dashboard"))) {
            assertThat(page.status()).isEqualTo(401);
            assertThat(page.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
            assertThat(page.body()).contains("/camunda/app/tasklist/").doesNotContain("招投标");
        }
    }

    @Test
    void aTasklistLoginOpensTheDashboardInTheSameSession() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> tasklist = browser.send(HttpRequest.newBuilder(
                URI.create(api.url("/camunda/app/tasklist/default/"))).build(), HttpResponse.BodyHandlers.ofString());
        String xsrf = tasklist.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore()
                .getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                        URI.create(api.url("/camunda/api/admin/auth/user/default/login/tasklist")))
                .header("X-XSRF-TOKEN", xsrf).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=dashstreet&password=" + TestUsers.PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(api.url("/dashboard"))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("当前用户 dashstreet", "合同履约与结项");
    }

    @Test
    void chartsAreDrawnToScale() {
        DashboardCharts.SvgChart bars = DashboardCharts.draw(new DashboardSection.Chart("驳回", DashboardSection.Chart.Kind.BARS,
                List.of(new DashboardSection.Bar("FS-03", 4), new DashboardSection.Bar("FS-05", 1),
                        new DashboardSection.Bar("FS-08", 0))));
        assertThat(bars.bars()).extracting(DashboardCharts.SvgBar::width).containsExactly(DashboardCharts.BAR_AREA,
                DashboardCharts.BAR_AREA / 4, 0);
        DashboardCharts.SvgChart stacked = DashboardCharts.draw(new DashboardSection.Chart("结果",
                DashboardSection.Chart.Kind.STACKED, List.of(new DashboardSection.Bar("已立项", 1),
                        new DashboardSection.Bar("评审中", 1), new DashboardSection.Bar("已驳回", 1))));
        assertThat(stacked.bars()).extracting(DashboardCharts.SvgBar::width).containsExactly(213, 214, 213);
        assertThat(stacked.bars().get(2).x() + stacked.bars().get(2).width()).isEqualTo(DashboardCharts.WIDTH);
        assertThat(DashboardCharts.draw(new DashboardSection.Chart("空", DashboardSection.Chart.Kind.BARS, List.of()))
                .empty()).isTrue();
    }
}
