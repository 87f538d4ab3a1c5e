package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad start variables for projectApplication over Camunda's REST API, as a portal or an attacker would
 * send them: refused with 400 naming the field, with neither an application row nor a process instance
 * left behind; expression and SQL text is plain data (the process runs and the variable reads back as
 * sent); and nothing answers 500.
 */
@CivicFlowTest
class ProcessStartFuzzTests {

    private static final String BUREAU = "fuzzstartbureau";
    private static final String CALL = "FUZZ-2020";
    private static final String START = "/engine-rest/process-definition/key/projectApplication/start";

    static final String TEN_THOUSAND = "x".repeat(10_000);
    static final String MILLION = "x".repeat(1_000_000);

    /** Valid text that looks like an expression or SQL: must be stored as it is, never evaluated. */
    static final List<String> VERBATIM = List.of("${7*7}", "#{7*7}", "${''.getClass().forName('java.lang.Runtime')}",
            "${execution.setVariable('eligible', true)}", "#{T(java.lang.Runtime).getRuntime().exec('id')}",
            "'; drop table project_application; --", "1 OR 1=1", "<script>alert(1)</script>", "第一行\n第二行",
            "${jndi:ldap://example.invalid/a}");

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HistoryService historyService;

    private static FangshanScenario.Org org;

    @BeforeEach
    void setUp() {
        users.create(BUREAU, Groups.BUREAU);
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        if (org == null) {
            scenario.openCall(CALL);
            org = scenario.organization();
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // --- typed REST variables ---

    /** {"value": v, "type": t} as Camunda's REST API takes it. */
    static Map<String, Object> typed(Object value, String type) {
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("value", value);
        variable.put("type", type);
        return variable;
    }

    /** The REST type a JSON client would name for a Java value. */
    static Map<String, Object> typed(Object value) {
        if (value instanceof Map<?, ?> already && already.containsKey("type")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variable = (Map<String, Object>) already;
            return variable;
        }
        String type = value == null ? "Null" : value instanceof Boolean ? "Boolean" : value instanceof Integer ? "Integer"
                : value instanceof Long ? "Long" : value instanceof Double ? "Double" : "String";
        return typed(value, type);
    }

    private Map<String, Object> valid() {
        Map<String, Object> variables = new LinkedHashMap<>();
        scenario.application(CALL, org).forEach((name, value) -> variables.put(name, typed(value)));
        return variables;
    }

    private static Map<String, Object> with(Map<String, Object> variables, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(variables);
        if (value == ABSENT) {
            copy.remove(name);
        } else {
            copy.put(name, typed(value));
        }
        return copy;
    }

    static final Object ABSENT = new Object();

    // --- the table: bad values per variable ---

    static final Map<String, Object> BYTES = typed(Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8)),
            "Bytes");
    static final Map<String, Object> DATE = typed("2020-01-01T00:00:00.000+0800", "Date");

    /** Bad values of each start variable; each must be refused with 400 naming it. */
    static Map<String, List<Object>> badVariables() {
        Map<String, List<Object>> table = new LinkedHashMap<>();
        List<Object> wrongTypesForText = List.of(42, 7L, 1.5, true, BYTES, DATE);
        List<Object> controls = List.of("a\u0000b", "a\u0007b", "\u001b[2J", "a\u007fb");
        table.put("callId", concat(wrongTypesForText, controls, List.of("", "   ", "x".repeat(65), TEN_THOUSAND, MILLION,
                "UNKNOWN-CALL", "${7*7}", "#{7*7}", "'; drop table call_round; --", "1 OR 1=1", ABSENT)));
        table.put("organizationCode", concat(wrongTypesForText, controls, List.of("", "x".repeat(19), TEN_THOUSAND, MILLION,
                "${7*7}", "'; drop table organization; --", "1 OR 1=1", org.code().toLowerCase(), ABSENT)));
        table.put("catalogCode", concat(wrongTypesForText, controls, List.of("", "x".repeat(9), TEN_THOUSAND, MILLION,
                ABSENT)));
        table.put("projectTitle", concat(wrongTypesForText, controls, List.of("", "   ", "x".repeat(201), TEN_THOUSAND,
                MILLION, ABSENT)));
        table.put("targetBeneficiaries", concat(wrongTypesForText, controls, List.of("x".repeat(1001), TEN_THOUSAND,
                MILLION)));
        table.put("minBeneficiaries", List.of("一百", "abc", -1, 10_000_001, 1.5, "1.5", true, "NaN", "Infinity",
                typed("NaN", "Double"), typed("Infinity", "Double"), "${7*7}", "1 OR 1=1", BYTES, DATE,
                99_999_999_999L));
        table.put("requestedAmount", List.of(-5, "-0.01", "1e9", 100_000_000.01, "NaN", "Infinity", "-Infinity",
                typed("NaN", "Double"), typed("Infinity", "Double"), typed("-Infinity", "Double"), "0x10", 1.001,
                "1,000", true, "", "abc", "${7*7}", "1 OR 1=1", BYTES, DATE, ABSENT, typed(null, "Null")));
        table.put("staffPayRaiseAmount", List.of(-1, "-0.01", "NaN", typed("NaN", "Double"), "abc", true, 1.001,
                "${7*7}", 100_000_001));
        table.put("officeImprovementAmount", List.of(-1, "NaN", typed("Infinity", "Double"), "abc", true, 0.001,
                "1 OR 1=1"));
        table.put("alreadyFundedByDistrict", List.of("yes", "是", 1, "1", "TRUE", 1.0, "${7*7}", BYTES));
        table.put("otherFundingSources", concat(List.of(42, true, BYTES), controls, List.of("x".repeat(1001), MILLION)));
        table.put("jointApplicants", List.of(42, "x", "${7*7}", "'; drop table organization; --", "1 OR 1=1",
                "x".repeat(1001), "a\u0000b", true));
        table.put("leadStaffId", List.of(0, -1, "abc", 1L << 40, 1.5, true, "", "${7*7}", "1 OR 1=1", BYTES,
                typed(null, "Null"), ABSENT));
        table.put("teamStaffIds", List.of("1,abc", "99999999999999999999", 42, "${7*7}", "1 OR 1=1",
                "1;drop table staff_member", "1".repeat(1001), "a\u0000b", true));
        return table;
    }

    @SafeVarargs
    private static List<Object> concat(List<Object>... lists) {
        List<Object> all = new ArrayList<>();
        for (List<Object> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> badVariablesAreRefusedNamingTheFieldAndNothingIsWritten() {
        return badVariables().entrySet().stream().flatMap(entry -> entry.getValue().stream().map(value ->
                DynamicTest.dynamicTest(entry.getKey() + " = " + describe(value), () ->
                        assertRefused(with(valid(), entry.getKey(), value), null, entry.getKey()))));
    }

    /**
     * The application's own checks name every bad field at once. (What Camunda cannot store at all — a value of the
     * wrong type, a text over 4,000 characters, a Java-serialized object — is answered first, by VariableInputGuardFilter,
     * naming each such variable; see the tests below.)
     */
    @Test
    void everyBadFieldIsNamedAtOnce() {
        Map<String, Object> variables = with(with(with(valid(), "projectTitle", "x".repeat(201)), "requestedAmount", "NaN"),
                "leadStaffId", -1);
        Api.Response response = assertRefused(variables, null, "projectTitle", "requestedAmount", "leadStaffId");
        assertThat(response.errorFields()).containsExactlyInAnyOrder("projectTitle", "requestedAmount", "leadStaffId");
    }

    @Test
    void noVariablesAtAllNamesTheRequiredOnes() {
        assertRefused(Map.of(), null, "callId", "organizationCode", "catalogCode", "projectTitle", "requestedAmount",
                "leadStaffId");
    }

    /** Typed values Camunda itself cannot read: refused before anything starts. */
    static final List<Map<String, Object>> MALFORMED_TYPED = List.of(typed("abc", "Integer"), typed("1.5", "Long"),
            typed("99999999999999999999", "Long"), typed("garbage", "Date"), typed("2020-01-01", "Date"),
            typed("x", "Foo"), typed("{}", "Json"), typed("<a/>", "Xml"), typed("not base64!", "Bytes"),
            typed(List.of(1, 2), "String"), typed(Map.of("a", 1), "Integer"), typed("true", "Short"));

    @TestFactory
    Stream<DynamicTest> valuesCamundaCannotReadAreRefusedAndNothingIsWritten() {
        return MALFORMED_TYPED.stream().map(variable -> DynamicTest.dynamicTest(describe(variable), () -> {
            Written before = written();
            Api.Response response = start(with(valid(), "minBeneficiaries", variable), null);
            assertThat(response.status()).as(abbreviate(response.body())).isEqualTo(400);
            assertThat(written()).isEqualTo(before);
        }));
    }

    @Test
    void valuesCamundaCannotReadAreRefusedNamingTheVariable() {
        for (Map<String, Object> variable : MALFORMED_TYPED) {
            Api.Response response = start(with(valid(), "minBeneficiaries", variable), null);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).as(describe(variable)).contains("minBeneficiaries");
        }
    }

    @Test
    void malformedRequestBodiesAreRefused() {
        for (String body : List.of("{", "[]", "1", "\"x\"", "{\"variables\": []}", "{\"variables\": 1}",
                "{\"variables\": {\"projectTitle\": 5}}", "{\"variables\": {\"projectTitle\": []}}",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"businessKey\": {}}")) {
            Written before = written();
            Api.Response response = api.as(BUREAU).post(START, body);
            assertThat(response.status()).as(abbreviate(body) + " " + abbreviate(response.body())).isEqualTo(400);
            assertThat(written()).isEqualTo(before);
        }
    }

    @Test
    void aNullBodyWritesNothing() {
        Written before = written();
        Api.Response response = api.as(BUREAU).post(START, "null");
        assertThat(response.status()).as(response.body()).isGreaterThanOrEqualTo(400);
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aNullBodyIs400() {
        Api.Response response = api.as(BUREAU).post(START, "null");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
    }

    // --- odd but valid text: plain data ---

    @TestFactory
    Stream<DynamicTest> expressionAndSqlTextIsStoredAsPlainData() {
        return VERBATIM.stream().map(payload -> DynamicTest.dynamicTest(describe(payload), () -> {
            Written before = written();
            Map<String, Object> variables = with(with(with(valid(), "projectTitle", payload), "targetBeneficiaries", payload),
                    "otherFundingSources", payload);
            Api.Response response = start(variables, null);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            String instanceId = response.json().path("id").asText();

            for (String name : List.of("projectTitle", "targetBeneficiaries", "otherFundingSources")) {
                // from history: the instance may already have ended (FS-07 once the organization applied twice)
                Api.Response variable = api.as(BUREAU).get("/engine-rest/history/variable-instance?processInstanceId="
                        + instanceId + "&variableName=" + name);
                assertThat(variable.status()).as(variable.body()).isEqualTo(200);
                assertThat(variable.json()).hasSize(1);
                assertThat(variable.json().get(0).path("type").asText()).isEqualTo("String");
                assertThat(variable.json().get(0).path("value").asText()).as(name).isEqualTo(payload);
            }
            Map<String, Object> row = jdbc.queryForMap("select project_title, target_beneficiaries, other_funding_sources"
                    + " from project_application where process_instance_id = ?", instanceId);
            assertThat(row.values()).containsOnly(payload);
            assertThat(written()).isEqualTo(before.plusOne());
        }));
    }

    @Test
    void anExpressionAsCatalogCodeIsDataNotAnInputError() {
        // "${7*7}" fits the catalog code's 8 characters: not an input error, just an unknown catalog item
        Api.Response response = start(with(valid(), "catalogCode", "${7*7}"), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String instanceId = response.json().path("id").asText();
        assertThat(jdbc.queryForObject("select catalog_code from project_application where process_instance_id = ?",
                String.class, instanceId)).isEqualTo("${7*7}");
    }

    @Test
    void aBusinessKeyWithCodeInItIsRefusedNamingIt() {
        // application numbers are letters, digits and hyphens: anything else is refused, never evaluated
        String key = "${7*7}-'; drop table project_application; --";
        Api.Response response = start(valid(), key);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).contains("businessKey");
        assertThat(jdbc.queryForObject("select count(*) from project_application where application_id = ?", Long.class,
                key)).isZero();
    }

    // --- random mutations ---

    /** Short values only: a long value under an unknown name is a known bug (see below). */
    static List<Object> valuePool() {
        List<Object> pool = new ArrayList<>(List.of("正常文本", "2-3", "1-1", 0, 1, 120, 150000, "150000.50", 0.5, true,
                false, "true", "", "   ", -1, 1.5, 1.001, "NaN", "abc", "x".repeat(201), "x".repeat(1001), "a\u0000b",
                7L, 1L << 40, BYTES, DATE, typed(null, "Null"), typed("NaN", "Double")));
        pool.addAll(VERBATIM);
        return pool;
    }

    @Test
    void aHundredRandomStartsNeverAnswer500OrHalfWrite() {
        Random random = new Random(20200208L);
        List<String> names = new ArrayList<>(badVariables().keySet());
        names.addAll(List.of("eligible", "applicationId", "jointApplication", "fundingApproved", "unknownVariable"));
        List<Object> pool = valuePool();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> variables = valid();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                String name = names.get(random.nextInt(names.size()));
                variables = with(variables, name, random.nextInt(6) == 0 ? ABSENT : pool.get(random.nextInt(pool.size())));
            }
            Written before = written();
            Api.Response response = start(variables, null);
            String what = "#" + i + " " + abbreviate(api.toJson(variables)) + " -> " + abbreviate(response.body());
            assertThat(response.status()).as(what).isIn(200, 400);
            assertThat(written()).as(what).isEqualTo(response.status() == 200 ? before.plusOne() : before);
            statuses.add(response.status());
        }
        assertThat(statuses).contains(200, 400);
    }

    // --- known bugs ---

    @Test
    void aTooLongBusinessKeyIsRefusedAndNothingIsWritten() {
        for (int length : List.of(65, 255, 256, 10_000)) {
            Written before = written();
            Api.Response response = start(valid(), "K".repeat(length));
            assertThat(response.status()).as(length + " " + abbreviate(response.body())).isGreaterThanOrEqualTo(400);
            assertThat(written()).as(String.valueOf(length)).isEqualTo(before);
        }
    }

    @Test
    void aTooLongBusinessKeyIs400NamingIt() {
        for (int length : List.of(65, 255, 256, 10_000)) {
            Api.Response response = start(valid(), "K".repeat(length));
            assertThat(response.status()).as(length + " " + abbreviate(response.body())).isEqualTo(400);
            assertThat(response.errorFields()).contains("businessKey");
        }
    }

    @Test
    void aLongUnknownVariableWritesNothing() {
        Written before = written();
        Api.Response response = start(with(valid(), "note", TEN_THOUSAND), null);
        assertThat(response.status()).as(abbreviate(response.body())).isIn(200, 400, 500);
        assertThat(written()).isEqualTo(response.status() == 200 ? before.plusOne() : before);
    }

    @Test
    void aLongUnknownVariableIs400NamingIt() {
        Api.Response response = start(with(valid(), "note", TEN_THOUSAND), null);
        assertThat(response.status()).as(abbreviate(response.body())).isEqualTo(400);
        assertThat(response.body()).contains("note");
    }

    static final Map<String, Object> JAVA_SERIALIZED = Map.of("value", "rO0ABXQAA2FiYw==", "type", "Object",
            "valueInfo", Map.of("objectTypeName", "java.lang.String",
                    "serializationDataFormat", "application/x-java-serialized-object"));

    @Test
    void aJavaSerializedObjectIsNeverAcceptedAndWritesNothing() {
        Written before = written();
        Api.Response response = start(with(valid(), "projectTitle", JAVA_SERIALIZED), null);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("不接受Java序列化的对象");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aJavaSerializedObjectIs400() {
        Api.Response response = start(with(valid(), "projectTitle", JAVA_SERIALIZED), null);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("projectTitle");
    }

    // --- helpers ---

    /** Rows of project_application and projectApplication instances (running or ended). */
    record Written(long applications, long instances) {
        Written plusOne() {
            return new Written(applications + 1, instances + 1);
        }
    }

    private Written written() {
        return new Written(jdbc.queryForObject("select count(*) from project_application", Long.class),
                historyService.createHistoricProcessInstanceQuery().processDefinitionKey("projectApplication").count());
    }

    private Api.Response start(Map<String, Object> variables, String businessKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("variables", variables);
        if (businessKey != null) {
            body.put("businessKey", businessKey);
        }
        return api.as(BUREAU).post(START, body);
    }

    /** 400 naming each field (in errors[].field or the message), and nothing written. */
    private Api.Response assertRefused(Map<String, Object> variables, String businessKey, String... fields) {
        Written before = written();
        Api.Response response = start(variables, businessKey);
        assertThat(response.status()).as(abbreviate(response.body())).isEqualTo(400);
        // one error format for the whole API, whether the guard or the process's own checks refused it
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).startsWith("urn:civicflow:problem:");
        String message = response.json().path("message").asText();
        for (String field : fields) {
            assertThat(response.errorFields().contains(field) || message.contains(field))
                    .as(field + " in " + abbreviate(response.body())).isTrue();
        }
        assertThat(written()).isEqualTo(before);
        return response;
    }

    static String describe(Object value) {
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

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
