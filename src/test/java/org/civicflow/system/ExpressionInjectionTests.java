package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Expression injection through task queries: expression parameters are refused in ad-hoc task queries
 * for everyone, and only administrators may save a filter whose query contains one.
 */
@CivicFlowTest
class ExpressionInjectionTests {

    static final String DEMO_ADMIN = "demo";
    static final String DEMO_PASSWORD = "demo";
    /** Would create the user "exprprobe" if the engine ever evaluated it (every Spring bean is in reach). */
    static final String SIDE_EFFECT = "${identityService.saveUser(identityService.newUser('exprprobe'))}";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> createdFilters = new ArrayList<>();
    private String taskName;
    private String taskId;

    @BeforeEach
    void setUp() {
        users.create("bureauexpr", Groups.BUREAU);
        taskName = "表达式探针-" + UUID.randomUUID();
        Task task = taskService.newTask();
        task.setName(taskName);
        taskService.saveTask(task);
        taskId = task.getId();
    }

    @AfterEach
    void cleanUp() {
        taskService.deleteTask(taskId, true);
        createdFilters.forEach(filterService::deleteFilter);
        assertThat(identityService.createUserQuery().userId("exprprobe").count())
                .as("no expression was evaluated").isZero();
    }

    @Test
    void adHocQueryStringExpressionsAreRefusedForEveryone() {
        String expression = URLEncoder.encode(SIDE_EFFECT, StandardCharsets.UTF_8);
        for (Api.Caller caller : List.of(api.as("bureauexpr"), api.as(DEMO_ADMIN, DEMO_PASSWORD))) {
            Api.Response response = caller.get("/engine-rest/task?dueDateExpression=" + expression);
            assertRefusedAsBadRequest(response, "dueDateExpression");

            for (String path : List.of(
                    "/engine-rest/task/count?assigneeExpression=" + expression,
                    "/engine-rest/engine/default/task?candidateGroupExpression=" + expression,
                    "/engine-rest/history/task?taskAssigneeExpression=" + expression,
                    "/engine-rest/history/task/count?dueDateExpression=" + expression,
                    "/engine-rest/task/?dueDateExpression=" + expression,
                    "/engine-rest//task?dueDateExpression=" + expression,
                    "/engine-rest/task;x=1?dueDateExpression=" + expression,
                    "/engine-rest/task?DUEDATEEXPRESSION=" + expression,
                    "/engine-rest/task?dueDate%45xpression=" + expression,
                    "/engine-rest/task?name=x&followUpBeforeOrNotExistentExpression=" + expression)) {
                Api.Response refused = caller.get(path);
                assertThat(refused.status()).as(path).isEqualTo(400);
                assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void adHocBodyExpressionsAreRefusedAtAnyDepth() {
        Map<String, Object> orQuery = Map.of("orQueries", List.of(Map.of("assigneeExpression", "${currentUser()}")));
        for (Api.Caller caller : List.of(api.as("bureauexpr"), api.as(DEMO_ADMIN, DEMO_PASSWORD))) {
            assertRefusedAsBadRequest(caller.post("/engine-rest/task", orQuery), "assigneeExpression");
            assertRefusedAsBadRequest(caller.post("/engine-rest/task/count", Map.of("orQueries", List.of(
                    Map.of("name", "x"), Map.of("candidateGroupsExpression", SIDE_EFFECT)))), "candidateGroupsExpression");
            assertRefusedAsBadRequest(caller.post("/engine-rest/history/task", Map.of("dueDateExpression", SIDE_EFFECT)),
                    "dueDateExpression");
            assertRefusedAsBadRequest(caller.post("/engine-rest/engine/default/task",
                    Map.of("taskVariables", List.of(), "nested", Map.of("deep", List.of(Map.of("ownerExpression", "x"))))),
                    "ownerExpression");
            // the key spelt with a JSON escape is the same key
            assertRefusedAsBadRequest(caller.post("/engine-rest/task", "{\"assignee\\u0045xpression\":\"x\"}"),
                    "assigneeExpression");
        }
        // what the filter cannot read it does not pass
        Api.Response malformed = api.as("bureauexpr").post("/engine-rest/task", "{\"assigneeExpression\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void harmlessQueriesStillWorkAndTheirBodyReachesCamunda() {
        Api.Caller bureau = api.as("bureauexpr");
        Api.Response byQueryString = bureau.get("/engine-rest/task?name=" + URLEncoder.encode(taskName, StandardCharsets.UTF_8));
        assertThat(byQueryString.status()).isEqualTo(200);
        assertThat(byQueryString.json()).hasSize(1);

        // the body was read by the guard and still arrives: it narrows the count
        Api.Response matching = bureau.post("/engine-rest/task/count", Map.of("name", taskName));
        assertThat(matching.status()).isEqualTo(200);
        assertThat(matching.json().path("count").asLong()).isOne();
        assertThat(bureau.post("/engine-rest/task/count", Map.of("name", taskName + "-nicht")).json().path("count").asLong())
                .isZero();
        // one or-query: name OR assignee
        Api.Response orQueries = bureau.post("/engine-rest/task",
                Map.of("orQueries", List.of(Map.of("name", taskName, "assignee", "nobody"))));
        assertThat(orQueries.status()).isEqualTo(200);
        assertThat(orQueries.json()).hasSize(1);
        assertThat(bureau.post("/engine-rest/history/task/count", Map.of("taskName", taskName)).status()).isEqualTo(200);
        // task actions whose variables happen to end with "Expression" are no queries: the expression guard lets
        // this one through, and the variable guard refuses it for what it is, a variable the task's form lacks
        Api.Response variable = bureau.post("/engine-rest/task/" + taskId + "/variables",
                Map.of("modifications", Map.of("costExpression", Map.of("value", "1+1", "type", "String"))));
        assertThat(variable.status()).isEqualTo(400);
        assertThat(variable.errorFields()).containsExactly("costExpression");
        assertThat(variable.body()).doesNotContain("不允许使用表达式");
    }

    @Test
    void onlyAdministratorsSaveFiltersWithExpressions() throws Exception {
        Map<String, Object> filter = Map.of("resourceType", "Task", "name", "候选组表达式",
                "query", Map.of("candidateGroupExpression", "${'bureau'}"), "properties", Map.of());

        Api.Response refused = api.as("bureauexpr").post("/engine-rest/filter/create", filter);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("candidateGroupExpression");
        assertThat(api.as("bureauexpr").post("/engine-rest/filter/create", Map.of("resourceType", "Task",
                "name", "候选组表达式", "query", Map.of("orQueries", List.of(Map.of("assigneeExpression", SIDE_EFFECT))))).status())
                .isEqualTo(403);
        assertThat(filterService.createFilterQuery().filterName("候选组表达式").count()).isZero();

        Api.Response created = api.as(DEMO_ADMIN, DEMO_PASSWORD).post("/engine-rest/filter/create", filter);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String filterId = created.json().path("id").asText();
        createdFilters.add(filterId);
        assertThat(filterService.createFilterQuery().filterId(filterId).count()).isOne();

        // updating: the same rule
        Map<String, Object> update = Map.of("resourceType", "Task", "name", "候选组表达式",
                "query", Map.of("assigneeExpression", SIDE_EFFECT));
        Api.Response refusedUpdate = api.as("bureauexpr").put("/engine-rest/filter/" + filterId, update);
        assertThat(refusedUpdate.status()).isEqualTo(403);
        assertThat(refusedUpdate.contentType()).startsWith("application/problem+json");
        assertThat(api.as(DEMO_ADMIN, DEMO_PASSWORD).put("/engine-rest/filter/" + filterId,
                Map.of("resourceType", "Task", "name", "候选组表达式",
                        "query", Map.of("candidateGroupExpression", "${'bureau'}"))).status()).isEqualTo(204);

        // running the saved filter is fine; extending it with an expression is an ad-hoc query: refused for everyone
        assertThat(api.as(DEMO_ADMIN, DEMO_PASSWORD).post("/engine-rest/filter/" + filterId + "/count", Map.of()).status())
                .isEqualTo(200);
        for (String action : List.of("list", "count", "singleResult")) {
            assertRefusedAsBadRequest(api.as(DEMO_ADMIN, DEMO_PASSWORD).post("/engine-rest/filter/" + filterId + "/" + action,
                    Map.of("assigneeExpression", SIDE_EFFECT)), "assigneeExpression");
        }
        assertRefusedAsBadRequest(api.as("bureauexpr").get("/engine-rest/filter/" + filterId
                + "/list?dueDateExpression=x"), "dueDateExpression");
    }

    @Test
    void theWebappsEngineApiIsGuardedToo() throws Exception {
        WebappSession bureau = WebappSession.login(api, "bureauexpr", TestUsers.PASSWORD);
        String base = "/camunda/api/engine/engine/default";

        // a harmless query in the same session works, so the refusals below are about the expression
        HttpResponse<String> harmless = bureau.send("POST", base + "/task/count", json.writeValueAsString(Map.of("name", taskName)));
        assertThat(harmless.statusCode()).as(harmless.body()).isEqualTo(200);
        assertThat(json.readTree(harmless.body()).path("count").asLong()).isOne();

        assertWebappRefused(bureau.send("POST", base + "/task",
                json.writeValueAsString(Map.of("orQueries", List.of(Map.of("assigneeExpression", SIDE_EFFECT))))), 400,
                "assigneeExpression");
        assertWebappRefused(bureau.send("GET", base + "/task?candidateGroupExpression="
                + URLEncoder.encode(SIDE_EFFECT, StandardCharsets.UTF_8), null), 400, "candidateGroupExpression");
        assertWebappRefused(bureau.send("POST", "/camunda/api/engine//engine/default/task/count",
                json.writeValueAsString(Map.of("dueDateExpression", SIDE_EFFECT))), 400, "dueDateExpression");

        // saving a filter with an expression from Tasklist: administrators only
        String filter = json.writeValueAsString(Map.of("resourceType", "Task", "name", "网页表达式过滤器",
                "query", Map.of("candidateUserExpression", "${currentUser()}"), "properties", Map.of("color", "#fff")));
        assertWebappRefused(bureau.send("POST", base + "/filter/create", filter), 403, "candidateUserExpression");
        assertThat(filterService.createFilterQuery().filterName("网页表达式过滤器").count()).isZero();

        WebappSession admin = WebappSession.login(api, DEMO_ADMIN, DEMO_PASSWORD);
        HttpResponse<String> created = admin.send("POST", base + "/filter/create", filter);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String filterId = json.readTree(created.body()).path("id").asText();
        createdFilters.add(filterId);
        assertWebappRefused(bureau.send("PUT", base + "/filter/" + filterId, filter), 403, "candidateUserExpression");
        // even an administrator's ad-hoc extension of a filter is refused
        assertWebappRefused(admin.send("POST", base + "/filter/" + filterId + "/list",
                json.writeValueAsString(Map.of("orQueries", List.of(Map.of("dueDateExpression", SIDE_EFFECT))))), 400,
                "dueDateExpression");
        HttpResponse<String> run = admin.send("POST", base + "/filter/" + filterId + "/count", "{}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);

        // without a login the filter cannot be an administrator's
        WebappSession anonymous = WebappSession.anonymous(api);
        assertThat(anonymous.send("POST", base + "/filter/create", filter).statusCode()).isEqualTo(403);
    }

    @Test
    void guardReadsTheBodyOnceAndPassesItOn() throws Exception {
        Administrators administrators = mock(Administrators.class);
        IdentityService identity = mock(IdentityService.class);
        ExpressionQueryGuardFilter guard = new ExpressionQueryGuardFilter("/engine-rest", "/camunda", administrators,
                identity, org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json().build());

        String body = "{\"name\":\"任务\",\"orQueries\":[{\"assignee\":\"x\"}]}";
        MockHttpServletRequest request = request("POST", "/engine-rest/task", body);
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> seenAgain = new AtomicReference<>();
        guard.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            seen.set(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            seenAgain.set(((HttpServletRequest) req).getReader().readLine());
        });
        assertThat(seen).hasValue(body);
        assertThat(seenAgain).hasValue(body);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        guard.doFilter(request("POST", "/engine-rest/task", "{\"orQueries\":[{\"assigneeExpression\":\"x\"}]}"), refused,
                (req, res) -> {
                    throw new AssertionError("must not pass");
                });
        assertThat(refused.getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(refused.getContentAsByteArray());
        assertThat(problem.path("detail").asText()).contains("assigneeExpression");
        assertThat(problem.path("parameters").get(0).asText()).isEqualTo("assigneeExpression");

        // not a task query: untouched, not even read
        MockHttpServletRequest completion = request("POST", "/engine-rest/task/1/complete",
                "{\"variables\":{\"costExpression\":{\"value\":\"x\"}}}");
        guard.doFilter(completion, new MockHttpServletResponse(), (req, res) -> assertThat(req).isSameAs(completion));
        verifyNoInteractions(administrators);

        assertThat(ExpressionQueryGuardFilter.expressionParameters("a=1&dueDate%45xpression=2&b")).containsExactly("dueDateExpression");
        assertThat(ExpressionQueryGuardFilter.expressionParameters("expressionLanguage=1&name=x")).isEmpty();
    }

    private static MockHttpServletRequest request(String method, String uri, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServletPath(uri);
        request.setContentType("application/json");
        request.setCharacterEncoding("UTF-8");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static void assertRefusedAsBadRequest(Api.Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).contains("表达式").contains(parameter);
    }

    private void assertWebappRefused(HttpResponse<String> response, int status, String parameter) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("detail").asText()).contains(parameter);
    }

    /** A browser-like Tasklist session: page, login form, then API calls with the session's XSRF token. */
    static final class WebappSession {
        private final Api api;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private String xsrfToken;

        private WebappSession(Api api) throws Exception {
            this.api = api;
            HttpResponse<String> page = client.send(
                    HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            remember(page);
        }

        static WebappSession anonymous(Api api) throws Exception {
            return new WebappSession(api);
        }

        static WebappSession login(Api api, String user, String password) throws Exception {
            WebappSession session = new WebappSession(api);
            HttpResponse<String> login = session.client.send(HttpRequest.newBuilder(
                            URI.create(api.url("/camunda/api/admin/auth/user/default/login/tasklist")))
                    .header("X-XSRF-TOKEN", session.xsrfToken)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            // the login renews the session; its first page load hands out the new session's token
            HttpResponse<String> profile = session.send("GET", "/camunda/api/admin/auth/user/default", null);
            assertThat(profile.statusCode()).isEqualTo(200);
            return session;
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(path)))
                    .header("X-XSRF-TOKEN", xsrfToken)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            remember(response);
            return response;
        }

        /** The token as the browser keeps it: from the last response header, else the XSRF-TOKEN cookie. */
        private void remember(HttpResponse<String> response) {
            xsrfToken = response.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore().getCookies()
                    .stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue)
                    .findFirst().orElse(xsrfToken));
        }
    }
}
