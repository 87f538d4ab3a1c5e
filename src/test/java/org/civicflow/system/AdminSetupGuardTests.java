package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * CVE-2026-77226: the Admin webapp's first-run setup must not create an administrator once one exists,
 * also when camunda-admin has no direct members but administrators exist by authorization.
 */
@CivicFlowTest
class AdminSetupGuardTests {

    static final String SETUP = "/camunda/api/admin/setup/default/user/create";
    static final String DEMO_ADMIN = "demo";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    Administrators administrators;

    /** Members and grants removed by a test, put back afterwards: the Spring context is shared with other test classes. */
    private final List<String> removedMembers = new ArrayList<>();
    private final List<Authorization> removedGrants = new ArrayList<>();
    private final List<String> createdUsers = new ArrayList<>(List.of("attacker", "firstadmin"));

    @AfterEach
    void restoreAdministrators() {
        for (String userId : createdUsers) {
            if (identityService.createUserQuery().userId(userId).count() > 0) {
                identityService.deleteUser(userId);
            }
        }
        authorizationService.createAuthorizationQuery().userIdIn("grantholder").list()
                .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
        for (String member : removedMembers) {
            if (identityService.createUserQuery().userId(member).memberOfGroup(Groups.ADMIN).count() == 0) {
                identityService.createMembership(member, Groups.ADMIN);
            }
        }
        removedMembers.clear();
        for (Authorization removed : removedGrants) {
            Authorization grant = authorizationService.createNewAuthorization(removed.getAuthorizationType());
            grant.setUserId(removed.getUserId());
            grant.setGroupId(removed.getGroupId());
            grant.setResource(Resources.APPLICATION);
            grant.setResourceId(removed.getResourceId());
            grant.addPermission(Permissions.ALL);
            boolean present = authorizationService.createAuthorizationQuery().authorizationType(removed.getAuthorizationType())
                    .resourceType(Resources.APPLICATION).resourceId(removed.getResourceId())
                    .hasPermission(Permissions.ALL).list().stream()
                    .anyMatch(a -> java.util.Objects.equals(a.getUserId(), removed.getUserId())
                            && java.util.Objects.equals(a.getGroupId(), removed.getGroupId()));
            if (!present) {
                authorizationService.saveAuthorization(grant);
            }
        }
        removedGrants.clear();
        assertThat(administrators.anyExist()).isTrue();
    }

    @Test
    void refusesTheSetupWhileTheDemoAdministratorIsAMember() throws Exception {
        HttpResponse<String> response = new AdminSession().setup(SETUP, "attacker");
        assertRefused(response);
        assertThat(identityService.createUserQuery().userId("attacker").count()).isZero();
    }

    @Test
    void refusesTheSetupWhenCamundaAdminHasNoDirectMembersButAnAdminGrantExists() throws Exception {
        removeAllMembersOfCamundaAdmin();
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.ADMIN).count()).isZero();
        // the starter's grant for the group (ALL on every application) remains: Camunda's own check would pass
        assertThat(authorizationService.createAuthorizationQuery().groupIdIn(Groups.ADMIN)
                .resourceType(Resources.APPLICATION).resourceId(Authorization.ANY).hasPermission(Permissions.ALL).count())
                .isPositive();

        AdminSession session = new AdminSession();
        assertRefused(session.setup(SETUP, "attacker"));
        for (String variant : List.of(
                SETUP + "/",
                "/camunda/api/admin//setup/default/user/create",
                "/camunda/api/admin/setup//default/user//create",
                "/camunda/api/admin/%73etup/default/user/create",
                "/camunda/api/admin/setup/default/user/%63reate",
                "/camunda/api/admin/./setup/default/user/create",
                "/camunda/api/admin/x/../setup/default/user/create",
                "/camunda/api/admin/setup;x=1/default/user/create",
                "/camunda/api/admin/setup/default/user/create;jsessionid=abc",
                "/camunda/api/admin/SETUP/default/user/create",
                "/Camunda/API/Admin/Setup/default/user/create",
                "/camunda/api/admin/setup/default",
                "/camunda/api/admin/setup")) {
            HttpResponse<String> response = session.setup(variant, "attacker");
            assertThat(response.statusCode()).as(variant).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).as(variant)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        }
        for (String method : List.of("GET", "PUT", "DELETE")) {
            assertThat(session.send(method, SETUP, "").statusCode()).as(method).isEqualTo(403);
        }
        assertThat(identityService.createUserQuery().userId("attacker").count()).isZero();
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.ADMIN).count()).isZero();
    }

    @Test
    void aFreshInstallWithoutAnyAdministratorStillRunsTheSetup() throws Exception {
        withoutAnyAdministrator();
        assertThat(administrators.anyExist()).isFalse();

        HttpResponse<String> response = new AdminSession().setup(SETUP, "firstadmin");

        // Camunda's own setup answered: 204 and a first administrator
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(identityService.createUserQuery().userId("firstadmin").memberOfGroup(Groups.ADMIN).count()).isOne();
        assertThat(administrators.anyExist()).isTrue();
        // and from now on the setup is shut
        assertRefused(new AdminSession().setup(SETUP, "attacker"));
        assertThat(identityService.createUserQuery().userId("attacker").count()).isZero();
    }

    @Test
    void administratorExistsDecisionAgainstTheEngine() {
        assertThat(administrators.anyExist()).isTrue();

        // by membership only
        withoutAnyAdministrator();
        identityService.createMembership(DEMO_ADMIN, Groups.ADMIN);
        assertThat(administrators.anyExist()).isTrue();
        identityService.deleteMembership(DEMO_ADMIN, Groups.ADMIN);
        assertThat(administrators.anyExist()).isFalse();

        // by a user's grant of ALL on the admin application
        users.create("grantholder");
        Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId("grantholder");
        grant.setResource(Resources.APPLICATION);
        grant.setResourceId("admin");
        grant.addPermission(Permissions.ALL);
        authorizationService.saveAuthorization(grant);
        assertThat(administrators.anyExist()).isTrue();
        authorizationService.deleteAuthorization(grant.getId());
        // a grant of ACCESS to Tasklist is no administrator
        assertThat(administrators.anyExist()).isFalse();

        // the answer does not depend on the caller's (filtering) authentication, which is kept
        identityService.createMembership(DEMO_ADMIN, Groups.ADMIN);
        users.create("bureausetup", Groups.BUREAU);
        identityService.setAuthentication("bureausetup", List.of(Groups.BUREAU));
        try {
            assertThat(administrators.anyExist()).isTrue();
            assertThat(administrators.isAdministrator(DEMO_ADMIN)).isTrue();
            assertThat(administrators.isAdministrator("bureausetup")).isFalse();
            assertThat(identityService.getCurrentAuthentication().getUserId()).isEqualTo("bureausetup");
        } finally {
            identityService.clearAuthentication();
        }
        createdUsers.addAll(List.of("grantholder", "bureausetup"));
    }

    @Test
    void filterDecidesOnTheAdministratorCheckBothWays() throws Exception {
        ObjectMapper objectMapper = new ObjectMapper().findAndRegisterModules();
        AtomicInteger asked = new AtomicInteger();

        // an administrator exists: refused, the chain is not called
        AdminSetupGuardFilter refusing = new AdminSetupGuardFilter("/camunda", () -> {
            asked.incrementAndGet();
            return true;
        }, objectMapper);
        MockHttpServletResponse refused = new MockHttpServletResponse();
        AtomicInteger passed = new AtomicInteger();
        FilterChain counting = (req, res) -> passed.incrementAndGet();
        refusing.doFilter(setupRequest("/camunda/api/admin/setup/default/user/create"), refused, counting);
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        JsonNode problem = objectMapper.readTree(refused.getContentAsByteArray());
        assertThat(problem.path("detail").asText()).contains("管理员");
        assertThat(passed).hasValue(0);
        assertThat(asked).hasValue(1);

        // no administrator: the request passes through unchanged
        AdminSetupGuardFilter passing = new AdminSetupGuardFilter("/camunda", () -> false, objectMapper);
        MockHttpServletRequest request = setupRequest("/camunda/api/admin/setup/default/user/create");
        MockHttpServletResponse response = new MockHttpServletResponse();
        passing.doFilter(request, response, (req, res) -> {
            assertThat(req).isSameAs(request);
            passed.incrementAndGet();
        });
        assertThat(passed).hasValue(1);
        assertThat(response.getStatus()).isEqualTo(200);

        // other paths never ask (no database query per request)
        AdminSetupGuardFilter unasked = new AdminSetupGuardFilter("/camunda", () -> {
            throw new AssertionError("asked for " + "a path that is not the setup");
        }, objectMapper);
        for (String path : List.of("/camunda/api/admin/auth/user/default/login/admin", "/camunda/app/admin/default/",
                "/engine-rest/user/create", "/camunda/api/admin/setupx", "/api/organizations")) {
            unasked.doFilter(setupRequest(path), new MockHttpServletResponse(), counting);
        }
        assertThat(passed).hasValue(6);

        // a failing check keeps the setup shut
        AdminSetupGuardFilter failing = new AdminSetupGuardFilter("/camunda", () -> {
            throw new IllegalStateException("database down");
        }, objectMapper);
        MockHttpServletResponse unavailable = new MockHttpServletResponse();
        failing.doFilter(setupRequest("/camunda/api/admin/setup/default/user/create"), unavailable, counting);
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(passed).hasValue(6);
    }

    private static MockHttpServletRequest setupRequest(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setServletPath(uri);
        return request;
    }

    /** Empties camunda-admin (the demo administrator and whoever other test classes added). */
    private void removeAllMembersOfCamundaAdmin() {
        for (User member : identityService.createUserQuery().memberOfGroup(Groups.ADMIN).list()) {
            removedMembers.add(member.getId());
            identityService.deleteMembership(member.getId(), Groups.ADMIN);
        }
    }

    /** Removes every administrator: camunda-admin's members and the grants of ALL on APPLICATION. */
    private void withoutAnyAdministrator() {
        removeAllMembersOfCamundaAdmin();
        for (int type : new int[] {Authorization.AUTH_TYPE_GRANT, Authorization.AUTH_TYPE_GLOBAL}) {
            for (String application : Administrators.ADMIN_APPLICATIONS) {
                for (Authorization grant : authorizationService.createAuthorizationQuery().authorizationType(type)
                        .resourceType(Resources.APPLICATION).resourceId(application).hasPermission(Permissions.ALL).list()) {
                    removedGrants.add(grant);
                    authorizationService.deleteAuthorization(grant.getId());
                }
            }
        }
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("系统已有管理员");
    }

    /** A browser-like session of the Admin webapp: its page first (session and XSRF token), then API calls. */
    private final class AdminSession {
        // without a member of camunda-admin the Admin page redirects to its setup page
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private final String xsrfToken;

        AdminSession() throws Exception {
            HttpResponse<String> page = client.send(
                    HttpRequest.newBuilder(URI.create(api.url("/camunda/app/admin/default/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            // the token comes with the page (header) and as cookie; after a redirect only the cookie remains
            xsrfToken = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore().getCookies()
                    .stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue());
        }

        HttpResponse<String> setup(String path, String userId) throws Exception {
            return send("POST", path, """
                    {"profile":{"id":"%s","firstName":"x","lastName":"y","email":"a@b.c"},
                     "credentials":{"password":"%s-pass-123"}}""".formatted(userId, userId));
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api.url(path)))
                    .header("X-XSRF-TOKEN", xsrfToken)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
