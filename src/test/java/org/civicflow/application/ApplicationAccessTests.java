package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.FangshanScenario.Org;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each organization sees only its own applications, on every channel: Camunda's REST API, the
 * webapps' own API (what Tasklist and Cockpit call) and archived notices. Grants are made by the
 * engine's authorization service as the instance starts.
 */
@CivicFlowTest
class ApplicationAccessTests {

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    JdbcTemplate jdbc;

    static boolean opened;
    Org orgA;
    Org orgB;
    String providerA;
    String providerB;
    String instanceA;

    @BeforeEach
    void twoOrganizations() {
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        if (!opened) {
            scenario.openCall("ACCESS-2020");
            opened = true;
        }
        orgA = scenario.organization(1, 3);
        orgB = scenario.organization();
        providerA = users.create("pa" + orgA.code().substring(10, 16), Groups.PROVIDER, Groups.organization(orgA.code()));
        providerB = users.create("pb" + orgB.code().substring(10, 16), Groups.PROVIDER, Groups.organization(orgB.code()));
        // A's application breaks FS-05, so it ends with a rejection notice A should see and B should not
        Map<String, Object> variables = scenario.application("ACCESS-2020", orgA);
        variables.put("teamStaffIds", orgA.uncertified().get(0) + "," + orgA.uncertified().get(1));
        Api.Response started = api.as(providerA).post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("variables", Api.typed(variables)));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        instanceA = started.json().path("id").asText();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }


    @Test
    void restShowsAnApplicationToItsOrganizationOnly() {
        String history = "/engine-rest/history/process-instance?processInstanceId=" + instanceA;
        assertThat(api.as(providerA).get(history).json()).hasSize(1);
        assertThat(api.as(providerB).get(history).json()).isEmpty();
        assertThat(api.as(providerB).get("/engine-rest/history/variable-instance?processInstanceId=" + instanceA).json())
                .isEmpty();
        assertThat(api.as(providerA).get("/engine-rest/history/variable-instance?processInstanceId=" + instanceA).json())
                .isNotEmpty();
    }

    @Test
    void noticesFollowTheSameGrants() {
        JsonNode mine = api.as(providerA).get("/api/documents?processInstanceId=" + instanceA).json();
        assertThat(mine).hasSize(1);
        String noticeId = mine.get(0).path("id").asText();
        assertThat(api.as(providerA).get("/api/documents/" + noticeId).status()).isEqualTo(200);
        assertThat(api.as(providerB).get("/api/documents/" + noticeId).status()).isEqualTo(403);
        assertThat(api.as(providerB).get("/api/documents?processInstanceId=" + instanceA).json()).isEmpty();
    }

    @Test
    void nobodyAppliesInTheNameOfAnotherOrganization() {
        long before = jdbc.queryForObject("select count(*) from project_application", Long.class);
        Api.Response forged = api.as(providerB).post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("variables", Api.typed(scenario.application("ACCESS-2020", orgA))));
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from project_application", Long.class)).isEqualTo(before);
    }

    @Test
    void theWebappsOwnApiShowsAnApplicationToItsOrganizationOnly() throws Exception {
        String path = "/camunda/api/engine/engine/default/history/process-instance?processInstanceId=" + instanceA;
        assertThat(webapp(providerA, path)).hasSize(1);
        assertThat(webapp(providerB, path)).isEmpty();
    }

    @Test
    void theBureauSeesEveryApplication() {
        users.create("accessbureau", Groups.BUREAU);
        assertThat(api.as("accessbureau").get("/engine-rest/history/process-instance?processInstanceId=" + instanceA).json())
                .hasSize(1);
    }

    /** Logs in to Tasklist like a browser and calls the webapps' engine API with the session. */
    private JsonNode webapp(String user, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/")))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                        URI.create(api.url("/camunda/api/admin/auth/user/default/login/tasklist")))
                .header("X-XSRF-TOKEN", page.headers().firstValue("X-XSRF-TOKEN").orElseThrow())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + TestUsers.PASSWORD,
                        StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(api.url(path)))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
