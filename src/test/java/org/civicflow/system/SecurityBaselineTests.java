package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** No anonymous REST, authorizations on, the webapps keep their own login. */
@CivicFlowTest
class SecurityBaselineTests {

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    ProcessEngineConfiguration engineConfiguration;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtimeService;

    @BeforeEach
    void users() {
        users.create("bureausec", Groups.BUREAU);
        users.create("providersec", Groups.PROVIDER);
        // wrong passwords only for this user: they count toward the login throttle's limits for it (LoginThrottle)
        users.create("mistyped", Groups.BUREAU);
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("securityProbe").count() == 0) {
            repositoryService.createDeployment().name("security-probe")
                    .addModelInstance("securityProbe.bpmn", Bpmn.createExecutableProcess("securityProbe")
                            .camundaHistoryTimeToLive(5479).startEvent().userTask().endEvent().done())
                    .deploy();
        }
    }

    @Test
    void engineRestRefusesRequestsWithoutCredentials() {
        assertThat(api.anonymous().get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/engine-rest/user").status()).isEqualTo(401);
    }

    @Test
    void engineRestRefusesAWrongPassword() {
        assertThat(api.as("mistyped", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
    }

    @Test
    void ownApiRefusesRequestsWithoutCredentialsWithAProblem() {
        Api.Response response = api.anonymous().get("/api/organizations");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(api.as("mistyped", "wrong").get("/api/organizations").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/api/round-policies").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/api/documents/x").status()).isEqualTo(401);
    }

    @Test
    void authorizationsAreEnforcedByTheEngine() {
        assertThat(engineConfiguration.isAuthorizationEnabled()).isTrue();
        // the bureau reads every process definition; a provider has no grant on this one and sees nothing
        assertThat(api.as("bureausec").get("/engine-rest/process-definition?key=securityProbe").json()).hasSize(1);
        assertThat(api.as("providersec").get("/engine-rest/process-definition?key=securityProbe").json()).isEmpty();
        // the definition is invisible to the provider, so starting it is refused as unknown
        assertThat(api.as("providersec").post("/engine-rest/process-definition/key/securityProbe/start", "{}").status())
                .isIn(403, 404);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("securityProbe").count()).isZero();
    }

    @Test
    void webappsKeepTheirOwnLogin() throws Exception {
        assertThat(login("bureausec", TestUsers.PASSWORD, true).statusCode()).isEqualTo(200);
        assertThat(login("bureausec", TestUsers.PASSWORD, true).body())
                .contains("\"userId\":\"bureausec\"").contains("tasklist").contains("cockpit");
        assertThat(login("mistyped", "wrong", true).statusCode()).isIn(401, 403);
        // CSRF protection stays on: a login without the XSRF token of the page's session is refused
        assertThat(login("bureausec", TestUsers.PASSWORD, false).statusCode()).isEqualTo(403);
    }

    /** Opens Tasklist in a fresh browser-like session, then posts its login form. */
    private HttpResponse<String> login(String user, String password, boolean sendCsrfToken) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(api.url("/camunda/api/admin/auth/user/default/login/tasklist")));
        if (sendCsrfToken) {
            request.header("X-XSRF-TOKEN", page.headers().firstValue("X-XSRF-TOKEN").orElseThrow());
        }
        return client.send(request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
