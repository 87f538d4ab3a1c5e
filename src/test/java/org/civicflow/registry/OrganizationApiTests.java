package org.civicflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.registry.RegistryFixtures.ABSENT;
import static org.civicflow.registry.RegistryFixtures.assertInvalid;
import static org.civicflow.registry.RegistryFixtures.assertProblem;
import static org.civicflow.registry.RegistryFixtures.creditRecord;
import static org.civicflow.registry.RegistryFixtures.organization;
import static org.civicflow.registry.RegistryFixtures.projectOutcome;
import static org.civicflow.registry.RegistryFixtures.staff;
import static org.civicflow.registry.RegistryFixtures.with;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.civicflow.registry.RegistryFixtures.Counts;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.civicflow.system.ShanghaiTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Registry REST API of SPEC §4 on H2: who may do what, validation, and nothing half-written.
 * Organizations are registered by an administrator: a bureau user's valid PUT is refused by Camunda's
 * group authorizations (see the disabled bureau tests); everything else runs as the bureau.
 */
@CivicFlowTest
class OrganizationApiTests {

    private static final String BUREAU = "regbureau";
    private static final String ADMIN = "regadmin";
    private static final String PROVIDER = "regprovider";
    /** Only ever used with a wrong password: Camunda throttles this user's later logins. */
    private static final String MISTYPED = "regmistyped";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OrganizationRepository organizations;
    @Autowired
    AuthorizationService authorizationService;

    @BeforeEach
    void users() {
        users.create(BUREAU, Groups.BUREAU);
        users.create(ADMIN, Groups.ADMIN);
        users.create(PROVIDER, Groups.PROVIDER);
        users.create(MISTYPED, Groups.BUREAU);
    }

    // --- authentication and write permission ---

    @Test
    void requestsWithoutCredentialsAreRefusedWithAProblem() {
        String code = registered("未登录测试社工事务所");

        for (Api.Response response : List.of(
                api.anonymous().get("/api/organizations"),
                api.anonymous().get("/api/organizations/" + code),
                api.anonymous().put("/api/organizations/" + newCode(), organization("匿名")),
                api.anonymous().post("/api/organizations/" + code + "/staff", staff("匿名")),
                api.anonymous().get("/api/round-policies"))) {
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAProblem() {
        String code = newCode();
        Counts before = counts();

        assertProblem(api.as(MISTYPED, "wrong-password").get("/api/organizations"), 401);
        assertProblem(api.as(MISTYPED, "wrong-password").put("/api/organizations/" + code, organization("错误密码")), 401);

        assertThat(counts()).isEqualTo(before);
        assertThat(organizations.existsById(code)).isFalse();
    }

    @Test
    void aProviderMayNotCreateOrReplaceAnOrganization() {
        String code = newCode();
        String own = registered("只读社工事务所");
        String member = member(own);
        Counts before = counts();

        assertProblem(api.as(PROVIDER).put("/api/organizations/" + code, organization("越权创建")), 403);
        // not even its own organization
        assertProblem(api.as(member).put("/api/organizations/" + own, organization("越权改名")), 403);

        assertThat(counts()).isEqualTo(before);
        assertThat(api.as(BUREAU).get("/api/organizations/" + own).json().path("name").asText()).isEqualTo("只读社工事务所");
        assertThat(identityService.createGroupQuery().groupId(Groups.organization(code)).count()).isZero();
    }

    @Test
    void aProviderMayNotAddStaffCreditRecordsOrOutcomes() {
        String code = registered("只读社工事务所二");
        String member = member(code);
        Counts before = counts();

        for (String user : List.of(PROVIDER, member)) {
            assertProblem(api.as(user).post("/api/organizations/" + code + "/staff", staff("越权")), 403);
            assertProblem(api.as(user).post("/api/organizations/" + code + "/credit-records", creditRecord()), 403);
            assertProblem(api.as(user).post("/api/organizations/" + code + "/project-outcomes", projectOutcome()), 403);
        }

        assertThat(counts()).isEqualTo(before);
    }

    // --- create, replace, add ---

    @Test
    void putCreatesTheOrganizationAndItsCamundaGroup() {
        String code = newCode();
        Counts before = counts();

        Api.Response response = api.as(ADMIN).put("/api/organizations/" + code, organization("房山区新建社会工作事务所"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/organizations/" + code));
        JsonNode json = response.json();
        assertThat(json.path("code").asText()).isEqualTo(code);
        assertThat(json.path("name").asText()).isEqualTo("房山区新建社会工作事务所");
        assertThat(json.path("legalForm").asText()).isEqualTo("PRIVATE_NON_ENTERPRISE");
        assertThat(json.path("registrationLevel").asText()).isEqualTo("COUNTY");
        assertThat(json.path("registeredWithCivilAffairs").asBoolean()).isTrue();
        assertThat(json.path("annualInspectionPassed").asBoolean()).isTrue();
        assertThat(json.path("underInvestigation").asBoolean()).isFalse();
        assertThat(json.path("businessScope").asText()).isEqualTo("社会工作服务；社区治理");
        assertThat(json.path("evaluationPracticeYears").asInt()).isEqualTo(4);
        assertThat(json.path("groupId").asText()).isEqualTo("org-" + code);
        assertThat(json.path("staff")).isEmpty();
        assertThat(json.path("creditRecords")).isEmpty();
        assertThat(json.path("projectOutcomes")).isEmpty();

        Group group = identityService.createGroupQuery().groupId("org-" + code).singleResult();
        assertThat(group).isNotNull();
        assertThat(group.getName()).isEqualTo("房山区新建社会工作事务所");
        assertThat(group.getType()).isEqualTo(Groups.ORGANIZATION_TYPE);
        Counts after = counts();
        assertThat(after.organizations()).isEqualTo(before.organizations() + 1);
        assertThat(after.groups()).isEqualTo(before.groups() + 1);
    }

    @Test
    void putAgainReplacesTheAttributesRenamesTheGroupAndKeepsTheRecords() {
        String code = registered("旧名称社工事务所");
        bureauPost(code, "staff", staff("张社工"));
        bureauPost(code, "credit-records", creditRecord());
        bureauPost(code, "project-outcomes", projectOutcome());
        Counts before = counts();

        Map<String, Object> replacement = with(with(with(organization("  新名称社工事务所  "), "legalForm", "SOCIAL_GROUP"),
                "registrationLevel", "CITY"), "evaluationPracticeYears", ABSENT);
        replacement.put("underInvestigation", true);
        Api.Response response = api.as(ADMIN).put("/api/organizations/" + code, replacement);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = api.as(BUREAU).get("/api/organizations/" + code).json();
        assertThat(json.path("name").asText()).isEqualTo("新名称社工事务所");
        assertThat(json.path("legalForm").asText()).isEqualTo("SOCIAL_GROUP");
        assertThat(json.path("registrationLevel").asText()).isEqualTo("CITY");
        assertThat(json.path("underInvestigation").asBoolean()).isTrue();
        assertThat(json.path("evaluationPracticeYears").isNull()).isTrue();
        assertThat(json.path("staff")).hasSize(1);
        assertThat(json.path("creditRecords")).hasSize(1);
        assertThat(json.path("projectOutcomes")).hasSize(1);
        Group group = identityService.createGroupQuery().groupId("org-" + code).singleResult();
        assertThat(group.getName()).isEqualTo("新名称社工事务所");
        assertThat(group.getType()).isEqualTo(Groups.ORGANIZATION_TYPE);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theBureauRegistersAnOrganizationAndItsGroup() {
        String code = newCode();

        Api.Response response = api.as(BUREAU).put("/api/organizations/" + code, organization("民政局登记社工事务所"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        Group group = identityService.createGroupQuery().groupId("org-" + code).singleResult();
        assertThat(group).isNotNull();
        assertThat(group.getName()).isEqualTo("民政局登记社工事务所");
        assertThat(group.getType()).isEqualTo(Groups.ORGANIZATION_TYPE);
    }

    @Test
    void theBureauReplacesAnOrganizationAndRenamesItsGroup() {
        String code = registered("民政局改名前");

        Api.Response response = api.as(BUREAU).put("/api/organizations/" + code, organization("民政局改名后"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(identityService.createGroupQuery().groupId("org-" + code).singleResult().getName())
                .isEqualTo("民政局改名后");
    }

    @Test
    void theOrganizationIsNotWrittenWhenItsGroupCannotBeSaved() {
        String code = newCode();
        // a stale grant for the group makes the engine's insert of the new group's default grant fail
        Authorization stale = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        stale.setGroupId(Groups.organization(code));
        stale.setResource(Resources.GROUP);
        stale.setResourceId(Groups.organization(code));
        stale.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(stale);
        Counts before = counts();

        Api.Response response = api.as(ADMIN).put("/api/organizations/" + code, organization("事务回滚社工事务所"));

        assertThat(response.status()).as(response.body()).isGreaterThanOrEqualTo(400);
        assertThat(counts()).isEqualTo(before);
        assertThat(organizations.existsById(code)).isFalse();

        // once the obstacle is gone the same request succeeds: nothing was left behind
        authorizationService.deleteAuthorization(stale.getId());
        assertThat(api.as(ADMIN).put("/api/organizations/" + code, organization("事务回滚社工事务所")).status())
                .isEqualTo(201);
        assertThat(identityService.createGroupQuery().groupId("org-" + code).count()).isOne();
    }

    @Test
    void staffIsAddedAndShownWithDerivedFacts() {
        String code = registered("员工测试社工事务所");

        // full time, a one-year contract and social insurance: a full-time employee; certified
        Api.Response first = api.as(BUREAU).post("/api/organizations/" + code + "/staff", staff("张社工"));
        // an 11-month contract is not full-time employment; neither diploma nor certificate
        Api.Response second = api.as(BUREAU).post("/api/organizations/" + code + "/staff",
                with(with(with(staff("刘社工"), "contractMonths", 11), "qualification", null), "board", false));
        // a diploma alone makes a professional social worker; no social insurance: not a full-time employee
        Api.Response third = api.as(BUREAU).post("/api/organizations/" + code + "/staff",
                with(with(with(with(staff("杨督导"), "qualification", ABSENT), "socialWorkDiploma", true),
                        "socialInsurance", false), "expert", true));

        for (Api.Response response : List.of(first, second, third)) {
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(response.json().path("id").isIntegralNumber()).isTrue();
            assertThat(response.json().size()).isEqualTo(1);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                    .endsWith("/api/organizations/" + code + "/staff/" + response.json().path("id").asLong()));
        }
        JsonNode staff = api.as(BUREAU).get("/api/organizations/" + code).json().path("staff");
        assertThat(staff).hasSize(3);
        assertThat(staff.get(0).path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(staff.get(0).path("name").asText()).isEqualTo("张社工");
        assertThat(staff.get(0).path("board").asBoolean()).isTrue();
        assertThat(staff.get(0).path("contractMonths").asInt()).isEqualTo(12);
        assertThat(staff.get(0).path("qualification").asText()).isEqualTo("SOCIAL_WORKER");
        assertThat(staff.get(0).path("experienceYears").asInt()).isEqualTo(3);
        assertThat(staff.get(0).path("communityServiceYears").asInt()).isEqualTo(2);
        assertThat(staff.get(0).path("local").asBoolean()).isTrue();
        assertThat(staff.get(0).path("expert").asBoolean()).isFalse();
        assertThat(staff.get(0).path("fullTimeEmployee").asBoolean()).isTrue();
        assertThat(staff.get(0).path("professionalSocialWorker").asBoolean()).isTrue();

        assertThat(staff.get(1).path("id").asLong()).isEqualTo(second.json().path("id").asLong());
        assertThat(staff.get(1).path("qualification").isNull()).isTrue();
        assertThat(staff.get(1).path("fullTimeEmployee").asBoolean()).isFalse();
        assertThat(staff.get(1).path("professionalSocialWorker").asBoolean()).isFalse();

        assertThat(staff.get(2).path("id").asLong()).isEqualTo(third.json().path("id").asLong());
        assertThat(staff.get(2).path("expert").asBoolean()).isTrue();
        assertThat(staff.get(2).path("fullTimeEmployee").asBoolean()).isFalse();
        assertThat(staff.get(2).path("professionalSocialWorker").asBoolean()).isTrue();
    }

    @Test
    void creditRecordsAndProjectOutcomesAreAddedAndShown() {
        String code = registered("信用测试社工事务所");

        Api.Response credit = api.as(BUREAU).post("/api/organizations/" + code + "/credit-records", creditRecord());
        Api.Response today = api.as(BUREAU).post("/api/organizations/" + code + "/credit-records",
                with(with(creditRecord(), "kind", "PROCUREMENT_BAD_RECORD"), "occurredOn", ShanghaiTime.today().toString()));
        Api.Response outcome = api.as(BUREAU).post("/api/organizations/" + code + "/project-outcomes", projectOutcome());
        Api.Response failed = api.as(BUREAU).post("/api/organizations/" + code + "/project-outcomes",
                with(with(projectOutcome(), "year", 2018), "acceptancePassed", false));

        for (Api.Response response : List.of(credit, today, outcome, failed)) {
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(response.json().path("id").isIntegralNumber()).isTrue();
        }
        assertThat(credit.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/api/organizations/" + code + "/credit-records/" + credit.json().path("id").asLong()));
        assertThat(outcome.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/api/organizations/" + code + "/project-outcomes/" + outcome.json().path("id").asLong()));

        JsonNode json = api.as(BUREAU).get("/api/organizations/" + code).json();
        JsonNode credits = json.path("creditRecords");
        assertThat(credits).hasSize(2);
        assertThat(credits.get(0).path("id").asLong()).isEqualTo(credit.json().path("id").asLong());
        assertThat(credits.get(0).path("kind").asText()).isEqualTo("ADMINISTRATIVE_PENALTY");
        assertThat(credits.get(0).path("occurredOn").asText()).isEqualTo("2019-08-20");
        assertThat(credits.get(0).path("description").asText()).isEqualTo("未按规定报送年度工作报告，被区民政局警告");
        assertThat(credits.get(1).path("kind").asText()).isEqualTo("PROCUREMENT_BAD_RECORD");
        assertThat(credits.get(1).path("occurredOn").asText()).isEqualTo(ShanghaiTime.today().toString());
        JsonNode outcomes = json.path("projectOutcomes");
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).path("year").asInt()).isEqualTo(2018);
        assertThat(outcomes.get(0).path("acceptancePassed").asBoolean()).isFalse();
        assertThat(outcomes.get(1).path("id").asLong()).isEqualTo(outcome.json().path("id").asLong());
        assertThat(outcomes.get(1).path("year").asInt()).isEqualTo(2019);
        assertThat(outcomes.get(1).path("projectName").asText()).isEqualTo("长阳镇老年人心理关怀服务项目");
        assertThat(outcomes.get(1).path("acceptancePassed").asBoolean()).isTrue();
    }

    // --- validation of PUT ---

    @Test
    void refusesABadCheckDigitInThePathCode() {
        String valid = newCode();
        String bad = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');

        assertRefusedPut(bad, organization("校验位错误"), "code");
        assertThat(identityService.createGroupQuery().groupId("org-" + bad).count()).isZero();
    }

    @Test
    void refusesAMissingName() {
        assertRefusedPut(newCode(), with(organization("x"), "name", ABSENT), "name");
    }

    @Test
    void refusesANullName() {
        assertRefusedPut(newCode(), with(organization("x"), "name", null), "name");
    }

    @Test
    void refusesABlankName() {
        assertRefusedPut(newCode(), organization("   "), "name");
    }

    @Test
    void refusesANameOver200Characters() {
        assertRefusedPut(newCode(), organization("社".repeat(201)), "name");
    }

    @Test
    void acceptsANameOfExactly200Characters() {
        String code = newCode();

        Api.Response response = api.as(ADMIN).put("/api/organizations/" + code, organization("社".repeat(200)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(identityService.createGroupQuery().groupId("org-" + code).singleResult().getName())
                .isEqualTo("社".repeat(200));
    }

    @Test
    void refusesAnUnknownLegalForm() {
        assertRefusedPut(newCode(), with(organization("x"), "legalForm", "COMPANY"), "legalForm");
    }

    @Test
    void refusesALowercaseLegalForm() {
        assertRefusedPut(newCode(), with(organization("x"), "legalForm", "foundation"), "legalForm");
    }

    @Test
    void refusesARegistrationLevelOfTheWrongJsonType() {
        assertRefusedPut(newCode(), with(organization("x"), "registrationLevel", 2), "registrationLevel");
    }

    @Test
    void refusesABooleanGivenAsAString() {
        assertRefusedPut(newCode(), with(organization("x"), "annualInspectionPassed", "true"), "annualInspectionPassed");
    }

    @Test
    void refusesAMissingBoolean() {
        assertRefusedPut(newCode(), with(organization("x"), "underInvestigation", ABSENT), "underInvestigation");
    }

    @Test
    void refusesANegativeEvaluationPracticeYears() {
        assertRefusedPut(newCode(), with(organization("x"), "evaluationPracticeYears", -1), "evaluationPracticeYears");
    }

    @Test
    void refusesANonIntegerEvaluationPracticeYears() {
        assertRefusedPut(newCode(), with(organization("x"), "evaluationPracticeYears", 2.5), "evaluationPracticeYears");
        assertRefusedPut(newCode(), with(organization("x"), "evaluationPracticeYears", "3"), "evaluationPracticeYears");
    }

    @Test
    void refusesAnUnknownField() {
        assertRefusedPut(newCode(), with(organization("x"), "nmae", "拼错的字段"), "nmae");
    }

    @Test
    void refusesABodyThatIsNotAJsonObject() {
        assertRefusedPut(newCode(), "[\"name\"]", "body");
        assertRefusedPut(newCode(), "\"房山区社工事务所\"", "body");
        assertRefusedPut(newCode(), "null", "body");
        assertRefusedPut(newCode(), "", "body");
    }

    @Test
    void refusesMalformedJson() {
        assertRefusedPut(newCode(), "{\"name\": \"房山区社工事务所\",", "body");
    }

    @Test
    void namesEveryBadFieldOfAPutAtOnce() {
        String valid = newCode();
        String bad = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        Map<String, Object> body = organization("  ");
        body.put("legalForm", "COMPANY");
        body.put("registrationLevel", 1);
        body.put("registeredWithCivilAffairs", "true");
        body.remove("annualInspectionPassed");
        body.put("evaluationPracticeYears", -3);
        body.put("website", "https://example.org");

        Api.Response response = assertRefusedPut(bad, body, "code", "name", "legalForm", "registrationLevel",
                "registeredWithCivilAffairs", "annualInspectionPassed", "evaluationPracticeYears", "website");

        assertThat(response.errorFields()).doesNotContain("underInvestigation", "businessScope");
    }

    @Test
    void aRefusedReplacementChangesNothing() {
        String code = registered("保持不变社工事务所");
        bureauPost(code, "staff", staff("张社工"));

        assertRefusedPut(code, with(organization("改名失败"), "legalForm", "COMPANY"), "legalForm");

        JsonNode json = api.as(BUREAU).get("/api/organizations/" + code).json();
        assertThat(json.path("name").asText()).isEqualTo("保持不变社工事务所");
        assertThat(json.path("legalForm").asText()).isEqualTo("PRIVATE_NON_ENTERPRISE");
        assertThat(json.path("staff")).hasSize(1);
        assertThat(identityService.createGroupQuery().groupId("org-" + code).singleResult().getName())
                .isEqualTo("保持不变社工事务所");
    }

    // --- validation of staff, credit records and outcomes ---

    @Test
    void refusesStaffWithNegativeContractMonths() {
        assertRefusedPost(registered("员工校验一"), "staff", with(staff("张社工"), "contractMonths", -1), "contractMonths");
    }

    @Test
    void refusesStaffWithAnUnknownQualification() {
        assertRefusedPost(registered("员工校验二"), "staff", with(staff("张社工"), "qualification", "PSYCHOLOGIST"),
                "qualification");
    }

    @Test
    void refusesStaffWithoutTheRequiredBooleans() {
        Map<String, Object> body = staff("张社工");
        List<String> booleans = List.of("board", "fullTime", "socialInsurance", "socialWorkDiploma", "local",
                "supervisorQualified");
        booleans.forEach(body::remove);

        assertRefusedPost(registered("员工校验三"), "staff", body, booleans.toArray(String[]::new));
    }

    @Test
    void namesEveryBadStaffFieldAtOnce() {
        Map<String, Object> body = staff("");
        body.put("contractMonths", 601);
        body.put("experienceYears", "5");
        body.remove("communityServiceYears");
        body.put("expert", "yes");
        body.put("age", 30);

        assertRefusedPost(registered("员工校验四"), "staff", body, "name", "contractMonths", "experienceYears",
                "communityServiceYears", "expert", "age");
    }

    @Test
    void refusesStaffWithABodyThatIsNotAJsonObject() {
        assertRefusedPost(registered("员工校验五"), "staff", "[]", "body");
        assertRefusedPost(registered("员工校验六"), "staff", "{", "body");
    }

    @Test
    void refusesACreditRecordOfAnUnknownKind() {
        assertRefusedPost(registered("信用校验一"), "credit-records", with(creditRecord(), "kind", "WARNING"), "kind");
    }

    @Test
    void refusesACreditRecordWithAMalformedDate() {
        String code = registered("信用校验二");
        assertRefusedPost(code, "credit-records", with(creditRecord(), "occurredOn", "2019/08/20"), "occurredOn");
        assertRefusedPost(code, "credit-records", with(creditRecord(), "occurredOn", "2019-02-30"), "occurredOn");
        assertRefusedPost(code, "credit-records", with(creditRecord(), "occurredOn", 20190820), "occurredOn");
    }

    @Test
    void refusesACreditRecordInTheFuture() {
        String tomorrow = ShanghaiTime.today().plusDays(1).toString();

        assertRefusedPost(registered("信用校验三"), "credit-records", with(creditRecord(), "occurredOn", tomorrow),
                "occurredOn");
    }

    @Test
    void refusesAProjectOutcomeWithAYearOutOfRange() {
        String code = registered("结项校验一");
        assertRefusedPost(code, "project-outcomes", with(projectOutcome(), "year", 1999), "year");
        assertRefusedPost(code, "project-outcomes",
                with(projectOutcome(), "year", ShanghaiTime.today().getYear() + 1), "year");
    }

    @Test
    void refusesAProjectOutcomeWithoutAcceptancePassed() {
        assertRefusedPost(registered("结项校验二"), "project-outcomes",
                with(projectOutcome(), "acceptancePassed", ABSENT), "acceptancePassed");
    }

    @Test
    void namesEveryBadOutcomeFieldAtOnce() {
        Map<String, Object> body = with(with(projectOutcome(), "year", "2019"), "projectName", ABSENT);
        body.put("acceptancePassed", null);

        assertRefusedPost(registered("结项校验三"), "project-outcomes", body, "year", "projectName", "acceptancePassed");
    }

    @Test
    void refusesAMalformedCodeOnAdditionsAsBadInput() {
        String valid = newCode();
        String bad = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');

        assertRefusedPost(bad, "staff", staff("张社工"), "code");
        assertRefusedPost(bad, "credit-records", creditRecord(), "code");
        assertRefusedPost(bad, "project-outcomes", projectOutcome(), "code");
    }

    // --- unknown organizations ---

    @Test
    void anUnknownButValidCodeIsNotFound() {
        String code = newCode();
        Counts before = counts();

        assertProblem(api.as(BUREAU).get("/api/organizations/" + code), 404);
        assertProblem(api.as(BUREAU).post("/api/organizations/" + code + "/staff", staff("张社工")), 404);
        assertProblem(api.as(BUREAU).post("/api/organizations/" + code + "/credit-records", creditRecord()), 404);
        assertProblem(api.as(BUREAU).post("/api/organizations/" + code + "/project-outcomes", projectOutcome()), 404);
        assertProblem(api.as(PROVIDER).get("/api/organizations/" + code), 404);

        assertThat(counts()).isEqualTo(before);
    }

    // --- reading ---

    @Test
    void anOrganizationIsReadByItsOwnMembersAndTheBureauOnly() {
        String own = registered("本机构社工事务所");
        String other = registered("他机构社工事务所");
        String member = member(own);
        String otherMember = member(other);

        Api.Response mine = api.as(member).get("/api/organizations/" + own);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().path("name").asText()).isEqualTo("本机构社工事务所");
        assertProblem(api.as(member).get("/api/organizations/" + other), 403);
        assertProblem(api.as(otherMember).get("/api/organizations/" + own), 403);
        assertProblem(api.as(PROVIDER).get("/api/organizations/" + own), 403);
        assertThat(api.as(BUREAU).get("/api/organizations/" + own).status()).isEqualTo(200);
        assertThat(api.as(BUREAU).get("/api/organizations/" + other).status()).isEqualTo(200);
    }

    @Test
    void theListShowsAProviderOnlyItsOwnOrganizations() {
        String own = registered("列表本机构");
        String second = registered("列表本机构二");
        String other = registered("列表他机构");
        String member = member(own);
        users.create(member, Groups.organization(second));

        assertThat(codes(api.as(member).get("/api/organizations"))).containsExactlyInAnyOrder(own, second);
        assertThat(codes(api.as(PROVIDER).get("/api/organizations"))).isEmpty();
        assertThat(codes(api.as(BUREAU).get("/api/organizations"))).contains(own, second, other);
    }

    // --- round policies ---

    @Test
    void listsTheShippedRoundPolicies() {
        Api.Response response = api.as(PROVIDER).get("/api/round-policies");

        assertThat(response.status()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        response.json().forEach(p -> codes.add(p.path("code").asText()));
        assertThat(codes).contains("FS-2020", "SZ-2018");
    }

    @Test
    void theFangshan2020PolicyHasItsDeadlineAndApplicationLimit() {
        Api.Response response = api.as(PROVIDER).get("/api/round-policies/FS-2020");

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("code").asText()).isEqualTo("FS-2020");
        assertThat(json.path("kind").asText()).isEqualTo("CALL_FOR_PROPOSALS");
        assertThat(json.path("submissionDeadline").asText()).isEqualTo("2020-02-08T00:00:00+08:00");
        assertThat(json.path("serviceEnd").asText()).isEqualTo("2020-12-10");
        JsonNode limit = json.path("thresholds").path("maxApplicationsPerOrg");
        assertThat(limit.path("value").decimalValue()).isEqualByComparingTo(new BigDecimal(2));
        assertThat(limit.path("ruleId").asText()).isEqualTo("FS-07");
    }

    @Test
    void theSuzhou2018PolicyHasItsStaffAndBudgetThresholds() {
        Api.Response response = api.as(BUREAU).get("/api/round-policies/SZ-2018");

        assertThat(response.status()).isEqualTo(200);
        JsonNode thresholds = response.json().path("thresholds");
        assertThat(response.json().path("kind").asText()).isEqualTo("PILOT_TENDER");
        assertThat(thresholds.path("minFullTimeStaff").path("value").decimalValue()).isEqualByComparingTo(new BigDecimal(9));
        assertThat(thresholds.path("minFullTimeStaff").path("ruleId").asText()).isEqualTo("SZ-03");
        assertThat(thresholds.path("annualBudgetPerUnit").path("value").decimalValue())
                .isEqualByComparingTo(new BigDecimal(1_100_000));
        assertThat(thresholds.path("annualBudgetPerUnit").path("ruleId").asText()).isEqualTo("SZ-13");
    }

    @Test
    void anUnknownRoundPolicyIsNotFound() {
        assertProblem(api.as(BUREAU).get("/api/round-policies/XX-2099"), 404);
    }

    // --- helpers ---

    private static String newCode() {
        return RegistryFixtures.newCode("AP");
    }

    /** Registers a new organization through the API as the bureau; returns its code. */
    private String registered(String name) {
        String code = newCode();
        Api.Response response = api.as(ADMIN).put("/api/organizations/" + code, organization(name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return code;
    }

    /** A new provider user in the organization's group. */
    private String member(String code) {
        return users.create("regmember" + code.substring(10, 16).toLowerCase(), Groups.PROVIDER, Groups.organization(code));
    }

    private long bureauPost(String code, String collection, Object body) {
        Api.Response response = api.as(BUREAU).post("/api/organizations/" + code + "/" + collection, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    private Api.Response assertRefusedPut(String code, Object body, String... fields) {
        return assertRefused(() -> api.as(BUREAU).put("/api/organizations/" + code, body), fields);
    }

    private Api.Response assertRefusedPost(String code, String collection, Object body, String... fields) {
        return assertRefused(() -> api.as(BUREAU).post("/api/organizations/" + code + "/" + collection, body), fields);
    }

    /** The request is refused with 400 naming the fields, and neither a row nor a group is written. */
    private Api.Response assertRefused(Supplier<Api.Response> request, String... fields) {
        Counts before = counts();
        Api.Response response = request.get();
        assertInvalid(response, fields);
        assertThat(counts()).isEqualTo(before);
        return response;
    }

    private Counts counts() {
        return Counts.of(jdbc, identityService);
    }

    private static List<String> codes(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        response.json().forEach(o -> codes.add(o.path("code").asText()));
        return codes;
    }
}
