package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The probe's attack replayed: wrong passwords, anonymously, for someone else's account. The attacker is blocked,
 * the account is not: Camunda does not lock it, and CivicFlow's own lock is temporary. Every HTTP client here is
 * 127.0.0.1; other client addresses are played through {@link PasswordCheck} with a request from that address.
 */
@CivicFlowTest
@ExtendWith(OutputCaptureExtension.class)
class LoginLockoutTests {

    private static final String LOCALHOST = "127.0.0.1";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    ProcessEngineConfiguration engineConfiguration;
    @Autowired
    PasswordCheck passwordCheck;
    @Autowired
    LoginThrottle throttle;

    private Instant now;

    @BeforeEach
    void stopTheClock() {
        // the engine clock stands still, so no block runs out while a test runs
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void releaseThisClient() {
        ClockUtil.reset();
        // the other tests of this Spring context log in from 127.0.0.1 too
        throttle.releaseAddress(LOCALHOST);
    }

    @Test
    void camundasOwnPermanentLockIsOff() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engineConfiguration;
        assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(configuration.getLoginDelayBase()).isZero();
        assertThat(configuration.getLoginDelayMaxTime()).isZero();
    }

    @Test
    void anAnonymousAttackerIsBlockedButTheAccountIsNotLocked() {
        String victim = users.create("lockvictim", Groups.BUREAU);
        for (int i = 0; i < 5; i++) {
            assertThat(api.as(victim, "guess-" + i).get("/api/round-policies").status()).isEqualTo(401);
        }
        for (int i = 5; i < 12; i++) {
            assertBlocked(api.as(victim, "guess-" + i).get("/api/round-policies"));
        }
        // the right password gets the same answer from this client: it tells nothing about the password
        Api.Response right = api.as(victim).get("/api/round-policies");
        assertBlocked(right);
        assertThat(right.body()).isEqualTo(api.as(victim, "guess-12").get("/api/round-policies").body());
        // on every entry point that checks passwords
        assertBlocked(api.as(victim).get("/engine-rest/task"));
        assertBlocked(api.as(victim).get("/dashboard"));
        assertBlocked(api.as(victim).get("/actuator/metrics"));

        // Camunda has not locked the account: the real user, from another address, logs in at once
        assertNotLockedByCamunda(victim);
        assertThat(passwordCheck.check(from("198.51.100.20"), victim, TestUsers.PASSWORD).authenticated()).isTrue();

        // and the attacker's block runs out by itself: 5 failures block for a minute
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofSeconds(61))));
        assertThat(api.as(victim).get("/api/round-policies").status()).isEqualTo(200);
        assertNotLockedByCamunda(victim);
    }

    @Test
    void aDistributedAttackLocksTheAccountForAWhileAndAdministratorsAreTold(CapturedOutput output) {
        String victim = users.create("lockdistributed", Groups.BUREAU);
        String admin = users.create("lockadmin", Groups.ADMIN);
        // the user works from here: an address known for it
        assertThat(api.as(victim).get("/api/round-policies").status()).isEqualTo(200);
        assertThat(api.as(admin).get("/api/security/lockouts").json().path("users").findValuesAsText("userId"))
                .doesNotContain(victim);

        // 50 wrong passwords from 25 addresses: no single address reaches its own limit
        for (int i = 0; i < 50; i++) {
            assertThat(passwordCheck.check(from("192.0.2." + (i % 25)), victim, "guess-" + i).authenticated()).isFalse();
        }

        // locked for every other address, even with the right password ...
        PasswordCheck.Outcome elsewhere = passwordCheck.check(from("192.0.2.200"), victim, TestUsers.PASSWORD);
        assertThat(elsewhere.blocked()).isTrue();
        assertThat(elsewhere.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        // ... but not from the address the user works from
        assertThat(api.as(victim).get("/api/round-policies").status()).isEqualTo(200);

        // administrators are told: a WARN line and GET /api/security/lockouts
        assertThat(output).contains("account lockdistributed temporarily locked until")
                .contains("after 50 failed passwords from [192.0.2.15");
        Api.Response lockouts = api.as(admin).get("/api/security/lockouts");
        assertThat(lockouts.status()).isEqualTo(200);
        assertThat(lockouts.json().path("users")).filteredOn(lock -> lock.path("userId").asText().equals(victim))
                .singleElement().satisfies(lock -> {
            assertThat(lock.path("userId").asText()).isEqualTo(victim);
            assertThat(lock.path("failures").asInt()).isEqualTo(50);
            assertThat(lock.path("addresses")).hasSize(10);
            assertThat(OffsetDateTime.parse(lock.path("lockedUntil").asText()).toInstant())
                    .isEqualTo(now.plus(Duration.ofMinutes(15)));
        });
        assertThat(api.as(victim).get("/api/security/lockouts").status()).isEqualTo(403);
        assertNotLockedByCamunda(victim);

        // the lock expires by itself after 15 minutes
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(15))));
        assertThat(passwordCheck.check(from("192.0.2.200"), victim, TestUsers.PASSWORD).authenticated()).isTrue();
        assertThat(api.as(admin).get("/api/security/lockouts").json().path("users").findValuesAsText("userId"))
                .doesNotContain(victim);
    }

    @Test
    void anAdministratorMayReleaseAnAccountEarly() {
        String victim = users.create("lockreleased", Groups.BUREAU);
        String colleague = users.create("lockcolleague", Groups.BUREAU);
        String admin = users.create("lockadmin", Groups.ADMIN);
        for (int i = 0; i < 50; i++) {
            passwordCheck.check(from("192.0.2." + (i % 25)), victim, "guess-" + i);
        }
        assertThat(passwordCheck.check(from("192.0.2.200"), victim, TestUsers.PASSWORD).blocked()).isTrue();
        assertThat(api.as(colleague).send("DELETE", "/api/security/lockouts/users/" + victim, null).status())
                .isEqualTo(403);
        assertThat(api.as(admin).send("DELETE", "/api/security/lockouts/users/" + victim, null).status())
                .isEqualTo(204);
        assertThat(passwordCheck.check(from("192.0.2.200"), victim, TestUsers.PASSWORD).authenticated()).isTrue();
    }

    @Test
    void theWebappLoginIsThrottledToo() throws Exception {
        String user = users.create("lockwebapp", Groups.BUREAU);
        for (int i = 0; i < 5; i++) {
            assertThat(login(user, "guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = login(user, TestUsers.PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).contains("60");
        assertThat(blocked.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(blocked.body()).contains("登录尝试过多");
        assertNotLockedByCamunda(user);

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofSeconds(61))));
        assertThat(login(user, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void identityVerifyIsNoUnthrottledPasswordOracle() {
        // an administrator: Camunda answers others 403 before checking the password (no read grant on the user)
        String caller = users.create("lockverifier", Groups.ADMIN);
        String target = users.create("lockverified", Groups.BUREAU);
        for (int i = 0; i < 5; i++) {
            Api.Response verify = api.as(caller).post("/engine-rest/identity/verify",
                    Map.of("username", target, "password", "guess-" + i));
            assertThat(verify.status()).as(verify.body()).isEqualTo(200);
            assertThat(verify.json().path("authenticated").asBoolean()).isFalse();
        }
        assertBlocked(api.as(caller).post("/engine-rest/identity/verify",
                Map.of("username", target, "password", TestUsers.PASSWORD)));
        // the caller's own login is not affected, nor the target's from elsewhere
        assertThat(api.as(caller).get("/api/round-policies").status()).isEqualTo(200);
        assertThat(passwordCheck.check(from("198.51.100.20"), target, TestUsers.PASSWORD).authenticated()).isTrue();
    }

    private void assertBlocked(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.json().path("title").asText()).isEqualTo("登录尝试过多");
        assertThat(response.json().path("detail").asText()).contains("后重试");
    }

    /** Camunda's user record carries no lock: not permanently (attempts) and not for a while (expiration). */
    private void assertNotLockedByCamunda(String userId) {
        UserEntity user = (UserEntity) identityService.createUserQuery().userId(userId).singleResult();
        assertThat(user.getAttempts()).isLessThan(((ProcessEngineConfigurationImpl) engineConfiguration).getLoginMaxAttempts());
        assertThat(user.getLockExpirationTime()).satisfiesAnyOf(
                expiration -> assertThat(expiration).isNull(),
                expiration -> assertThat(expiration).isBeforeOrEqualTo(ClockUtil.getCurrentTime()));
    }

    private static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/round-policies");
        request.setRemoteAddr(address);
        return request;
    }

    /** Opens Tasklist in a fresh browser-like session, then posts its login form (as SecurityBaselineTests). */
    private HttpResponse<String> login(String user, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        return client.send(HttpRequest.newBuilder(URI.create(api.url("/camunda/api/admin/auth/user/default/login/tasklist")))
                        .header("X-XSRF-TOKEN", page.headers().firstValue("X-XSRF-TOKEN").orElseThrow())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
