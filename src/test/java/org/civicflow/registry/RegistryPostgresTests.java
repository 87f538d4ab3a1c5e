package org.civicflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.registry.RegistryFixtures.ABSENT;
import static org.civicflow.registry.RegistryFixtures.assertInvalid;
import static org.civicflow.registry.RegistryFixtures.creditRecord;
import static org.civicflow.registry.RegistryFixtures.organization;
import static org.civicflow.registry.RegistryFixtures.projectOutcome;
import static org.civicflow.registry.RegistryFixtures.staff;
import static org.civicflow.registry.RegistryFixtures.with;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.civicflow.registry.RegistryFixtures.Counts;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowPostgresTest;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.civicflow.system.ShanghaiTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The registry on a real PostgreSQL: Flyway's schema and shipped policies, round trips through the
 * API, and transactions that write all or nothing. Organizations are registered by an administrator
 * (a bureau user's valid PUT is refused by Camunda's group authorizations, see OrganizationApiTests).
 */
@CivicFlowPostgresTest
class RegistryPostgresTests {

    private static final String BUREAU = "pgbureau";
    private static final String ADMIN = "pgadmin";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void users() {
        users.create(BUREAU, Groups.BUREAU);
        users.create(ADMIN, Groups.ADMIN);
    }

    @Test
    void runsOnPostgresql() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void flywayMigrationsShipTheRoundPolicies() {
        List<String> versions = jdbc.queryForList(
                "select version from flyway_schema_history where success and version is not null", String.class);
        assertThat(versions).contains("1", "2", "3");

        List<String> codes = new ArrayList<>();
        api.as(BUREAU).get("/api/round-policies").json().forEach(p -> codes.add(p.path("code").asText()));
        assertThat(codes).contains("FS-2020", "SZ-2018");

        // stored as timestamptz on a UTC server, shown in Asia/Shanghai
        JsonNode fangshan = api.as(BUREAU).get("/api/round-policies/FS-2020").json();
        assertThat(fangshan.path("submissionDeadline").asText()).isEqualTo("2020-02-08T00:00:00+08:00");
        assertThat(fangshan.path("thresholds").path("maxApplicationsPerOrg").path("value").decimalValue())
                .isEqualByComparingTo(new BigDecimal(2));
        assertThat(fangshan.path("thresholds").path("maxApplicationsPerOrg").path("ruleId").asText()).isEqualTo("FS-07");

        JsonNode suzhou = api.as(BUREAU).get("/api/round-policies/SZ-2018").json();
        assertThat(suzhou.path("teamFormationDeadline").asText()).isEqualTo("2018-07-01T00:00:00+08:00");
        assertThat(suzhou.path("thresholds").path("minFullTimeStaff").path("value").decimalValue())
                .isEqualByComparingTo(new BigDecimal(9));
        assertThat(suzhou.path("thresholds").path("annualBudgetPerUnit").path("value").decimalValue())
                .isEqualByComparingTo(new BigDecimal(1_100_000));

        assertThat(api.as(BUREAU).get("/api/round-policies/XX-2099").status()).isEqualTo(404);
    }

    @Test
    void registersAnOrganizationWithItsGroupAndReadsBackItsRecords() {
        String code = newCode();
        Counts before = counts();

        Api.Response created = api.as(ADMIN).put("/api/organizations/" + code, organization("苏州市姑苏区测试社工服务社"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Group group = identityService.createGroupQuery().groupId("org-" + code).singleResult();
        assertThat(group.getName()).isEqualTo("苏州市姑苏区测试社工服务社");
        assertThat(group.getType()).isEqualTo(Groups.ORGANIZATION_TYPE);

        long staffId = post(code, "staff", staff("张社工"));
        post(code, "staff", with(with(staff("刘社工"), "contractMonths", 6), "qualification", ABSENT));
        long creditId = post(code, "credit-records", with(creditRecord(), "kind", "PROCUREMENT_BAD_RECORD"));
        long outcomeId = post(code, "project-outcomes", projectOutcome());

        Api.Response renamed = api.as(ADMIN).put("/api/organizations/" + code,
                with(organization("苏州市姑苏区测试社工服务社（更名）"), "registrationLevel", "CITY"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(identityService.createGroupQuery().groupId("org-" + code).singleResult().getName())
                .isEqualTo("苏州市姑苏区测试社工服务社（更名）");

        JsonNode json = api.as(BUREAU).get("/api/organizations/" + code).json();
        assertThat(json.path("name").asText()).isEqualTo("苏州市姑苏区测试社工服务社（更名）");
        assertThat(json.path("registrationLevel").asText()).isEqualTo("CITY");
        assertThat(json.path("groupId").asText()).isEqualTo("org-" + code);
        assertThat(json.path("staff")).hasSize(2);
        assertThat(json.path("staff").get(0).path("id").asLong()).isEqualTo(staffId);
        assertThat(json.path("staff").get(0).path("fullTimeEmployee").asBoolean()).isTrue();
        assertThat(json.path("staff").get(0).path("professionalSocialWorker").asBoolean()).isTrue();
        assertThat(json.path("staff").get(1).path("fullTimeEmployee").asBoolean()).isFalse();
        assertThat(json.path("staff").get(1).path("professionalSocialWorker").asBoolean()).isFalse();
        assertThat(json.path("creditRecords")).hasSize(1);
        assertThat(json.path("creditRecords").get(0).path("id").asLong()).isEqualTo(creditId);
        assertThat(json.path("creditRecords").get(0).path("kind").asText()).isEqualTo("PROCUREMENT_BAD_RECORD");
        assertThat(json.path("creditRecords").get(0).path("occurredOn").asText()).isEqualTo("2019-08-20");
        assertThat(json.path("projectOutcomes")).hasSize(1);
        assertThat(json.path("projectOutcomes").get(0).path("id").asLong()).isEqualTo(outcomeId);
        assertThat(json.path("projectOutcomes").get(0).path("acceptancePassed").asBoolean()).isTrue();

        Counts after = counts();
        assertThat(after).isEqualTo(new Counts(before.organizations() + 1, before.staff() + 2,
                before.creditRecords() + 1, before.projectOutcomes() + 1, before.groups() + 1));

        // the organization's own member reads it, the list shows it only its own
        String member = users.create("pgmember" + code.substring(12, 16).toLowerCase(), Groups.PROVIDER,
                Groups.organization(code));
        assertThat(api.as(member).get("/api/organizations/" + code).status()).isEqualTo(200);
        assertThat(api.as(member).get("/api/organizations").json()).hasSize(1);
    }

    @Test
    void aRefusedRequestWritesNothing() {
        String code = newCode();
        assertThat(api.as(ADMIN).put("/api/organizations/" + code, organization("拒绝测试社工服务社")).status()).isEqualTo(201);
        Counts before = counts();

        Map<String, Object> badOrganization = with(with(organization(" "), "legalForm", "COMPANY"), "extra", 1);
        assertInvalid(api.as(BUREAU).put("/api/organizations/" + newCode(), badOrganization), "name", "legalForm", "extra");
        assertInvalid(api.as(BUREAU).put("/api/organizations/" + code, badOrganization), "name", "legalForm", "extra");
        assertInvalid(api.as(BUREAU).put("/api/organizations/" + code, "{not json"), "body");
        assertInvalid(api.as(BUREAU).post("/api/organizations/" + code + "/staff",
                with(with(staff("张社工"), "contractMonths", -1), "board", ABSENT)), "contractMonths", "board");
        assertInvalid(api.as(BUREAU).post("/api/organizations/" + code + "/credit-records",
                with(creditRecord(), "occurredOn", ShanghaiTime.today().plusDays(1).toString())), "occurredOn");
        assertInvalid(api.as(BUREAU).post("/api/organizations/" + code + "/project-outcomes",
                with(with(projectOutcome(), "year", 1999), "acceptancePassed", ABSENT)), "year", "acceptancePassed");

        assertThat(counts()).isEqualTo(before);
        assertThat(api.as(BUREAU).get("/api/organizations/" + code).json().path("name").asText())
                .isEqualTo("拒绝测试社工服务社");
    }

    @Test
    void theOrganizationAndItsGroupAreWrittenInOneTransaction() {
        String code = newCode();
        // a stale grant for the group makes the engine's insert of the new group's default grant fail,
        // after the organization row has been written in the same transaction
        Authorization stale = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        stale.setGroupId(Groups.organization(code));
        stale.setResource(Resources.GROUP);
        stale.setResourceId(Groups.organization(code));
        stale.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(stale);
        Counts before = counts();

        Api.Response failed = api.as(ADMIN).put("/api/organizations/" + code, organization("事务测试社工服务社"));

        assertThat(failed.status()).as(failed.body()).isGreaterThanOrEqualTo(400);
        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from organization where code = ?", Long.class, code)).isZero();
        assertThat(identityService.createGroupQuery().groupId("org-" + code).count()).isZero();

        authorizationService.deleteAuthorization(stale.getId());
        assertThat(api.as(ADMIN).put("/api/organizations/" + code, organization("事务测试社工服务社")).status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from organization where code = ?", Long.class, code)).isOne();
        assertThat(identityService.createGroupQuery().groupId("org-" + code).count()).isOne();
    }

    private static String newCode() {
        return RegistryFixtures.newCode("PG");
    }

    private long post(String code, String collection, Object body) {
        Api.Response response = api.as(BUREAU).post("/api/organizations/" + code + "/" + collection, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    private Counts counts() {
        return Counts.of(jdbc, identityService);
    }
}
