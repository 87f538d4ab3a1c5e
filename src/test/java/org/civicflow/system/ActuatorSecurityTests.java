package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Actuator: health and info for everyone (status only), everything else for camunda-admin members. */
@CivicFlowTest
class ActuatorSecurityTests {

    private static final String ADMIN = "actadmin";
    private static final String BUREAU = "actbureau";
    /** Only ever used with a wrong password (throttled afterwards). */
    private static final String MISTYPED = "actmistyped";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;

    @BeforeEach
    void users() {
        users.create(ADMIN, Groups.ADMIN);
        users.create(BUREAU, Groups.BUREAU);
        users.create(MISTYPED, Groups.ADMIN);
    }

    @Test
    void healthAndInfoAreAnonymousAndShowNoDetails() {
        Api.Response health = api.anonymous().get("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(health.json().has("details")).isFalse();

        Api.Response info = api.anonymous().get("/actuator/info");
        assertThat(info.status()).as(info.body()).isEqualTo(200);
    }

    @Test
    void healthDetailsAreHiddenFromAdministratorsToo() {
        // show-details: never (see application.yaml)
        Api.Response health = api.as(ADMIN).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().has("components")).isFalse();
        assertThat(health.json().has("details")).isFalse();
    }

    @Test
    void metricsNeedCredentials() {
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator", "/actuator/")) {
            Api.Response response = api.anonymous().get(path);
            assertUnauthorized(response, path);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertUnauthorized(api.as(MISTYPED, "wrong-password").get("/actuator/metrics"), "wrong password");
    }

    @Test
    void metricsAreForAdministratorsOnly() {
        Api.Response forbidden = api.as(BUREAU).get("/actuator/metrics");
        assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(forbidden.json().path("detail").asText()).isNotBlank();
        assertThat(forbidden.body()).doesNotContain("jvm.");

        Api.Response metrics = api.as(ADMIN).get("/actuator/metrics");
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.json().path("names")).isNotEmpty();
        Api.Response one = api.as(ADMIN).get("/actuator/metrics/jvm.memory.used");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
    }

    @Test
    void onlyHealthInfoAndMetricsAreExposed() {
        Api.Response index = api.as(ADMIN).get("/actuator");
        assertThat(index.status()).as(index.body()).isEqualTo(200);
        List<String> links = new ArrayList<>();
        index.json().path("_links").fieldNames().forEachRemaining(links::add);
        assertThat(links).contains("health", "info", "metrics")
                .allMatch(l -> l.equals("self") || l.startsWith("health") || l.equals("info") || l.startsWith("metrics"));

        for (String endpoint : List.of("env", "configprops", "heapdump", "threaddump", "beans", "mappings", "loggers",
                "shutdown", "conditions", "scheduledtasks")) {
            assertThat(api.as(ADMIN).get("/actuator/" + endpoint).status()).as(endpoint).isEqualTo(404);
            assertUnauthorized(api.anonymous().get("/actuator/" + endpoint), endpoint);
            assertThat(api.as(BUREAU).get("/actuator/" + endpoint).status()).as(endpoint).isEqualTo(403);
        }
    }

    @Test
    void otherSpellingsOfProtectedPathsAreNotAnonymous() {
        List<String> paths = List.of("/actuator//metrics", "/actuator/./metrics", "/actuator/health/../metrics",
                "/actuator/info/../metrics", "/actuator;x=y/metrics", "/actuator/metrics;x=y", "/actuator/%6detrics",
                "/actuator/health;x=y/../metrics", "/actuator/health/", "/actuator/health/db", "/actuator/health/ping",
                "/actuator/info/", "/actuator/health%2F..%2Fmetrics");
        for (String path : paths) {
            Api.Response response = api.anonymous().get(path);
            assertThat(response.status()).as(path + " " + response.body()).isIn(400, 401, 404);
            assertThat(response.body()).as(path).doesNotContain("jvm.");
        }
        // only reading is anonymous
        assertUnauthorized(api.anonymous().send("POST", "/actuator/health", "{}"), "POST health");
        assertUnauthorized(api.anonymous().send("DELETE", "/actuator/info", null), "DELETE info");
    }

    @Test
    void malformedCredentialsAreUnauthorized() {
        for (String header : List.of("Basic", "Basic !!!", "Basic " + base64("nocolon"), "Basic " + base64(":empty"),
                "Bearer abc", "basic")) {
            Api.Response response = withAuthorization(header, "/actuator/metrics");
            assertUnauthorized(response, header);
        }
    }

    /** A GET with a raw Authorization header ({@link Api} only sends well-formed ones). */
    private Api.Response withAuthorization(String header, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url(path)))
                    .header("Authorization", header).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthorized(Api.Response response, String what) {
        assertThat(response.status()).as(what + " " + response.body()).isEqualTo(401);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what)
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }
}
