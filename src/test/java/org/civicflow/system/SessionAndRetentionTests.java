package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.apache.catalina.Context;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/** Webapp sessions, login throttling and LAW-04 history retention as the running application has them. */
@CivicFlowTest
class SessionAndRetentionTests {

    /** LAW-04: 15 years, in days (as in every model). */
    static final int FIFTEEN_YEARS_IN_DAYS = 5479;

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ServletWebServerApplicationContext context;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    // --- sessions ---

    @Test
    void webappSessionsExpireAfter30Minutes() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        Context tomcatContext = (Context) server.getTomcat().getHost().findChildren()[0];
        assertThat(tomcatContext.getSessionTimeout()).isEqualTo(30);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndLaxAndNeverInTheUrl() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        // the demo and test profiles run over plain HTTP; the postgres profile adds Secure (SecureCookieSettingsTests)
        assertThat(session).doesNotContainIgnoringCase("Secure;").doesNotEndWithIgnoringCase("Secure");
        String csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(csrf).containsIgnoringCase("SameSite=Lax");
        assertThat(page.body()).doesNotContainIgnoringCase(";jsessionid=");
        assertThat(page.headers().firstValue("Location").orElse("")).doesNotContainIgnoringCase("jsessionid");
    }

    // --- login throttling ---

    @Test
    void camundasOwnLoginThrottleIsOff() {
        // it would lock a user for good after loginMaxAttempts failures, whoever made them; CivicFlow's
        // LoginThrottle (LoginThrottleTests, LoginLockoutTests) throttles per user and client address instead
        assertThat(configuration().getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(configuration().getLoginDelayBase()).isZero();
        assertThat(configuration().getLoginDelayMaxTime()).isZero();
    }

    @Test
    void aMistypedPasswordDoesNotDelayTheRightOne() {
        // the engine clock stands still: Camunda's lock, if there were one, could not run out meanwhile
        ClockUtil.setCurrentTime(Date.from(Instant.now()));
        String user = users.create("throttled", Groups.BUREAU);
        assertThat(api.as(user).get("/api/round-policies").status()).isEqualTo(200);

        assertThat(api.as(user, "wrong-password").get("/api/round-policies").status()).isEqualTo(401);
        // one typo is no attack: the right password works at once, on every entry point
        assertThat(api.as(user).get("/api/round-policies").status()).isEqualTo(200);
        assertThat(api.as(user).get("/engine-rest/task").status()).isEqualTo(200);
    }

    // --- LAW-04 retention ---

    @Test
    void historyCleanupRunsByRemovalTimeInANightWindow() {
        ProcessEngineConfigurationImpl configuration = configuration();
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();

        // the engine scheduled its cleanup job at the start of a window (server zone)
        List<Job> cleanup = historyService.findHistoryCleanupJobs();
        assertThat(cleanup).isNotEmpty();
        for (Job job : cleanup) {
            LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
            assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
        }
    }

    @Test
    void everyDeployedProcessKeepsItsHistoryFor15Years() {
        List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery().list();
        assertThat(definitions).extracting(ProcessDefinition::getKey)
                .contains("callForProposals", "projectApplication", "tenderProcurement");
        for (ProcessDefinition definition : definitions) {
            assertThat(definition.getHistoryTimeToLive()).as(definition.getId())
                    .isNotNull().isGreaterThanOrEqualTo(FIFTEEN_YEARS_IN_DAYS);
        }
    }
}
