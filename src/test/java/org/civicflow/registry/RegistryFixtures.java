package org.civicflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.civicflow.support.Api;
import org.springframework.jdbc.core.JdbcTemplate;

/** Request bodies, fresh organization codes and row counts shared by the registry tests. */
final class RegistryFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private RegistryFixtures() {
    }

    /** A valid, so far unused 统一社会信用代码; {@code series} (2 characters) keeps test classes apart. */
    static String newCode(String series) {
        return UnifiedSocialCreditCode.complete("52110111MJ" + series + String.format("%04d", SEQUENCE.incrementAndGet()));
    }

    static Map<String, Object> organization(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("legalForm", "PRIVATE_NON_ENTERPRISE");
        body.put("registrationLevel", "COUNTY");
        body.put("registeredWithCivilAffairs", true);
        body.put("annualInspectionPassed", true);
        body.put("underInvestigation", false);
        body.put("businessScope", "社会工作服务；社区治理");
        body.put("evaluationPracticeYears", 4);
        return body;
    }

    static Map<String, Object> staff(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("board", true);
        body.put("fullTime", true);
        body.put("contractMonths", 12);
        body.put("socialInsurance", true);
        body.put("qualification", "SOCIAL_WORKER");
        body.put("socialWorkDiploma", false);
        body.put("experienceYears", 3);
        body.put("communityServiceYears", 2);
        body.put("local", true);
        body.put("supervisorQualified", false);
        return body;
    }

    static Map<String, Object> creditRecord() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "ADMINISTRATIVE_PENALTY");
        body.put("occurredOn", "2019-08-20");
        body.put("description", "未按规定报送年度工作报告，被区民政局警告");
        return body;
    }

    static Map<String, Object> projectOutcome() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", 2019);
        body.put("projectName", "长阳镇老年人心理关怀服务项目");
        body.put("acceptancePassed", true);
        return body;
    }

    /** A copy of {@code body} with {@code field} set ({@code value} may be null) or, for {@link #ABSENT}, removed. */
    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == ABSENT) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    static final Object ABSENT = new Object();

    /** Asserts a 400 problem that names at least the given fields in {@code errors}. */
    static void assertInvalid(Api.Response response, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(fields);
        response.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }

    /** Row counts of the registry tables and the number of Camunda groups. */
    record Counts(long organizations, long staff, long creditRecords, long projectOutcomes, long groups) {

        static Counts of(JdbcTemplate jdbc, IdentityService identityService) {
            return new Counts(count(jdbc, "organization"), count(jdbc, "staff_member"), count(jdbc, "credit_record"),
                    count(jdbc, "project_outcome"), identityService.createGroupQuery().count());
        }

        private static long count(JdbcTemplate jdbc, String table) {
            Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
            return count == null ? 0 : count;
        }
    }
}
