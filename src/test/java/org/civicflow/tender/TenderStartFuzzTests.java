package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Bad start variables for tenderProcurement over Camunda's REST API (see TenderService.open): refused
 * with 400 naming the variable, no tender row and no process instance left behind; expression and SQL
 * text is plain data; nothing answers 500.
 */
@CivicFlowTest
class TenderStartFuzzTests {

    private static final String AGENCY = "fuzztenderagency";
    /** Reads variables: the agency may start tenders but not read their instances. */
    private static final String BUREAU = "fuzztenderbureau";
    private static final String START = "/engine-rest/process-definition/key/tenderProcurement/start";
    private static final AtomicInteger UNITS = new AtomicInteger();

    static final String TEN_THOUSAND = "x".repeat(10_000);
    static final String MILLION = "x".repeat(1_000_000);

    static final List<String> VERBATIM = List.of("${7*7}", "#{7*7}", "${''.getClass().forName('java.lang.Runtime')}",
            "'; drop table tender; --", "1 OR 1=1", "<script>alert(1)</script>", "${jndi:ldap://example.invalid/a}");

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HistoryService historyService;

    @BeforeEach
    void setUp() {
        users.create(AGENCY, Groups.AGENCY);
        users.create(BUREAU, Groups.BUREAU);
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static final Object ABSENT = new Object();

    static Map<String, Object> typed(Object value, String type) {
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("value", value);
        variable.put("type", type);
        return variable;
    }

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

    /** A valid service-unit tender: 31 days to bid, four communities, a fresh unit code. */
    private static Map<String, Object> valid() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("unitCode", typed("FZT" + UNITS.incrementAndGet()));
        variables.put("unitName", typed("模糊测试街道"));
        variables.put("bidDeadline", typed("2018-06-20T09:00:00+08:00"));
        variables.put("communities", typed("南环新村,竹辉,友新,桂花"));
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

    static Map<String, List<Object>> badVariables() {
        List<Object> controls = List.of("a\u0000b", "a\u0007b", "\u001b[2J");
        Map<String, List<Object>> table = new LinkedHashMap<>();
        table.put("unitCode", concat(controls, List.of(42, 7L, 1.5, true, "", "has space", "中文", "${7*7}", "#{7*7}",
                "'; drop table tender; --", "1 OR 1=1", "x".repeat(51), TEN_THOUSAND, MILLION, ABSENT,
                typed(null, "Null"))));
        table.put("unitName", concat(controls, List.of(42, true, 1.5, "", "   ", "x".repeat(201), TEN_THOUSAND, MILLION,
                ABSENT)));
        table.put("bidDeadline", List.of("tomorrow", 20180620, true, 1.5, "2018-13-01", "2018-02-30",
                "2018-06-20T25:00:00+08:00", "${7*7}", "#{7*7}", "1 OR 1=1", "'; drop table tender; --", "",
                TEN_THOUSAND, MILLION, ABSENT, typed(null, "Null")));
        table.put("communities", concat(controls, List.of(42, true, "x".repeat(2001), TEN_THOUSAND, MILLION)));
        table.put("annualBudget", List.of(-1, "-0.01", "", "NaN", "Infinity", typed("NaN", "Double"),
                typed("Infinity", "Double"), "1e10", 1_000_000_000.01, true, "abc", 1.001, "${7*7}", "1 OR 1=1",
                "0x10"));
        table.put("tenderKind", List.of("FOO", "service_unit", "EVALUATORS", 1, true, "${7*7}", "'; drop table tender; --",
                "x".repeat(17), MILLION, "a\u0000b"));
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
                        assertRefused(with(valid(), entry.getKey(), value), entry.getKey()))));
    }

    @Test
    void noVariablesAtAllNamesTheRequiredOnes() {
        assertRefused(Map.of(), "unitCode", "unitName", "bidDeadline");
    }

    @Test
    void aSecondOpenTenderForTheSameUnitIsRefused() {
        Map<String, Object> first = valid();
        assertThat(start(first).status()).isEqualTo(200);
        assertRefused(with(valid(), "unitCode", first.get("unitCode")), "unitCode");
    }

    @TestFactory
    Stream<DynamicTest> expressionAndSqlTextIsStoredAsPlainData() {
        return VERBATIM.stream().map(payload -> DynamicTest.dynamicTest(describe(payload), () -> {
            Written before = written();
            Map<String, Object> variables = valid();
            String unitCode = (String) ((Map<?, ?>) variables.get("unitCode")).get("value");
            Api.Response response = start(with(variables, "unitName", payload));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            String instanceId = response.json().path("id").asText();

            Api.Response variable = api.as(BUREAU).get("/engine-rest/history/variable-instance?processInstanceId="
                    + instanceId + "&variableName=unitName");
            assertThat(variable.status()).as(variable.body()).isEqualTo(200);
            assertThat(variable.json()).hasSize(1);
            assertThat(variable.json().get(0).path("value").asText()).isEqualTo(payload);
            assertThat(jdbc.queryForObject("select unit_name from tender where unit_code = ?", String.class, unitCode))
                    .isEqualTo(payload);
            assertThat(written()).isEqualTo(before.plusOne());
        }));
    }

    @Test
    void expressionsAsCommunitiesAreStoredAsNames() {
        Map<String, Object> variables = valid();
        String unitCode = (String) ((Map<?, ?>) variables.get("unitCode")).get("value");
        String communities = "${7*7},#{7*7},${''.getClass().forName('java.lang.Runtime')},1=1";
        Api.Response response = start(with(variables, "communities", communities));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select communities from tender where unit_code = ?", String.class, unitCode))
                .isEqualTo(communities);
        // four communities: SZ-12 is met, the tender is open
        assertThat(jdbc.queryForObject("select status from tender where unit_code = ?", String.class, unitCode))
                .isEqualTo("OPEN");
    }

    // --- random mutations ---

    @Test
    void aHundredRandomStartsNeverAnswer500OrHalfWrite() {
        Random random = new Random(20180520L);
        List<String> names = new ArrayList<>(badVariables().keySet());
        names.addAll(List.of("serviceYears", "serviceStart", "tenderIssuedAt", "teamFormationDeadline", "district",
                "policyCode", "tenderValid", "tenderId"));
        List<Object> pool = new ArrayList<>(List.of("正常文本", "2018-06-20T09:00:00+08:00", "2018-06-01", "2018-05-20",
                "2018-07-01T00:00:00+08:00", "SZ-2018", "FS-2020", "SERVICE_UNIT", "EVALUATOR", "a,b,c,d", "a", 0, 1, 2,
                11, -1, 1100000, "1100000.00", 1.5, 1.001, true, false, "", "   ", "NaN", "abc", "x".repeat(201),
                "x".repeat(2001), "a\u0000b", typed(null, "Null"), typed("NaN", "Double")));
        pool.addAll(VERBATIM);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> variables = valid();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                String name = names.get(random.nextInt(names.size()));
                variables = with(variables, name, random.nextInt(6) == 0 ? ABSENT : pool.get(random.nextInt(pool.size())));
            }
            Written before = written();
            Api.Response response = start(variables);
            String what = "#" + i + " " + abbreviate(api.toJson(variables)) + " -> " + abbreviate(response.body());
            assertThat(response.status()).as(what).isIn(200, 400);
            assertThat(written()).as(what).isEqualTo(response.status() == 200 ? before.plusOne() : before);
            statuses.add(response.status());
        }
        assertThat(statuses).contains(200, 400);
    }

    // --- known bugs ---

    /** Deadlines that parse, but whose year Camunda's timers (Joda: ±292,278,994) or databases cannot hold. */
    static final List<String> FAR_DEADLINES = List.of("+999999999-12-31T23:59:59+08:00", "+292278995-01-01T00:00:00+08:00");

    @Test
    void anImpossiblyFarBidDeadlineWritesNothing() {
        for (String deadline : FAR_DEADLINES) {
            Written before = written();
            Api.Response response = start(with(valid(), "bidDeadline", deadline));
            assertThat(response.status()).as(deadline + " " + abbreviate(response.body())).isGreaterThanOrEqualTo(400);
            assertThat(written()).as(deadline).isEqualTo(before);
        }
    }

    @Test
    void anImpossiblyFarDeadlineIs400NamingIt() {
        for (String deadline : FAR_DEADLINES) {
            assertRefused(with(valid(), "bidDeadline", deadline), "bidDeadline");
        }
        assertRefused(with(valid(), "bidDeadline", "-999999999-01-01T00:00:00+08:00"), "bidDeadline");
        assertRefused(with(valid(), "tenderIssuedAt", "+999999999-01-01T00:00:00+08:00"), "tenderIssuedAt");
        assertRefused(with(valid(), "teamFormationDeadline", "+999999999-01-01T00:00:00+08:00"),
                "teamFormationDeadline");
    }

    @Test
    void aServiceStartWithTrailingTextIsRefused() {
        assertRefused(with(valid(), "serviceStart", "2018-07-01garbage"), "serviceStart");
    }

    // --- helpers ---

    record Written(long tenders, long instances) {
        Written plusOne() {
            return new Written(tenders + 1, instances + 1);
        }
    }

    private Written written() {
        return new Written(jdbc.queryForObject("select count(*) from tender", Long.class),
                historyService.createHistoricProcessInstanceQuery().processDefinitionKey("tenderProcurement").count());
    }

    private Api.Response start(Map<String, Object> variables) {
        return api.as(AGENCY).post(START, Map.of("variables", variables));
    }

    private void assertRefused(Map<String, Object> variables, String... fields) {
        Written before = written();
        Api.Response response = start(variables);
        assertThat(response.status()).as(abbreviate(response.body())).isEqualTo(400);
        String message = response.json().path("message").asText();
        for (String field : fields) {
            assertThat(response.errorFields().contains(field) || message.contains(field))
                    .as(field + " in " + abbreviate(response.body())).isTrue();
        }
        assertThat(written()).isEqualTo(before);
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
