package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The postgres profile's cookie settings as the running webapps apply them (the test profile after it
 * keeps the in-memory H2, so no PostgreSQL is needed).
 */
@CivicFlowTest
@ActiveProfiles({"postgres", "test"})
@TestPropertySource(properties = {"CIVICFLOW_ADMIN_USER=cookieadmin", "CIVICFLOW_ADMIN_PASSWORD=a-long-test-password"})
class SecureCookieRuntimeTests {

    @Autowired
    Api api;

    @Test
    void theWebappCookiesAreSecureHttpOnlyAndLax() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> cookies = page.headers().allValues("Set-Cookie");

        String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(session.split(";\\s*")).extracting(String::toLowerCase)
                .contains("secure", "httponly", "samesite=lax");
        String csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        // the CSRF token cookie is read by the webapps' scripts, so it is not HttpOnly
        assertThat(csrf.split(";\\s*")).extracting(String::toLowerCase).contains("secure", "samesite=lax");
    }
}
