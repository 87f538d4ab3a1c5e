package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicflow.tender.TenderFixtures.DEADLINE;
import static org.civicflow.tender.TenderFixtures.ISSUED;
import static org.civicflow.tender.TenderFixtures.bidOf;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sealed bids (SPEC §4): amounts are seen by nobody before the bid deadline, bids are accepted strictly
 * before it and only for the caller's own organization, bad bids are refused naming the field and nothing
 * is stored, and amounts never enter process variables.
 */
@CivicFlowTest
class SealedBidTests {

    private static final String BUREAU = "sbbureau";
    private static final String AGENCY = "sbagency";

    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TaskService taskService;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        FangshanScenario.clock(ISSUED);
        users.create(BUREAU, Groups.BUREAU);
        users.create(AGENCY, Groups.AGENCY);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ProcessInstance tender(String unit) {
        ProcessInstance instance = suzhou.start(suzhou.tender(unit, ISSUED, DEADLINE));
        assertThat(instance).isWaitingAt("Timer_BidDeadline");
        return instance;
    }

    private static String bids(String unit) {
        return "/api/tenders/" + unit + "/bids";
    }

    private static Map<String, Object> bid(String code, Object amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationCode", code);
        body.put("amount", amount);
        return body;
    }

    private int bidCount(String unit) {
        Api.Response response = api.as(BUREAU).get(bids(unit));
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("bidCount").asInt();
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void beforeTheDeadlineNobodySeesAmountsOnlyTheCount() {
        tender("SBSEALED");
        String first = suzhou.qualifiedBidder();
        String second = suzhou.qualifiedBidder();
        String bidder = suzhou.providerOf(first);
        assertThat(api.as(bidder).post(bids("SBSEALED"), bid(first, 1_876_543.21)).status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(second)).post(bids("SBSEALED"), bid(second, 1_765_432.10)).status())
                .isEqualTo(201);

        FangshanScenario.clock(OffsetDateTime.parse(DEADLINE).minusSeconds(1).toInstant());
        for (String user : List.of(BUREAU, AGENCY, bidder)) {
            Api.Response response = api.as(user).get(bids("SBSEALED"));
            assertThat(response.status()).isEqualTo(200);
            JsonNode view = response.json();
            assertThat(view.path("sealed").asBoolean()).as(user).isTrue();
            assertThat(view.path("bidCount").asInt()).as(user).isEqualTo(2);
            assertThat(view.has("bids")).as(user).isFalse();
            assertThat(response.body()).as(user).doesNotContain("1876543").doesNotContain("1765432")
                    .doesNotContain("amount").doesNotContain(first).doesNotContain(second);
        }
    }

    @Test
    void aBidJustBeforeTheDeadlineIsAccepted() {
        tender("SBJUSTIN");
        String code = suzhou.qualifiedBidder();
        FangshanScenario.clock(OffsetDateTime.parse(DEADLINE).minusSeconds(1).toInstant());
        Api.Response response = api.as(suzhou.providerOf(code)).post(bids("SBJUSTIN"), bid(code, 2_000_000));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("organizationCode").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("2000000");
        assertThat(bidCount("SBJUSTIN")).isEqualTo(1);
    }

    @Test
    void aBidAtTheDeadlineInstantIsRefused() {
        tender("SBATDL");
        String early = suzhou.qualifiedBidder();
        assertThat(api.as(suzhou.providerOf(early)).post(bids("SBATDL"), bid(early, 2_000_000)).status()).isEqualTo(201);
        String late = suzhou.qualifiedBidder();

        FangshanScenario.clock(DEADLINE);
        Api.Response response = api.as(suzhou.providerOf(late)).post(bids("SBATDL"), bid(late, 1_500_000));
        assertProblem(response, 403);
        assertThat(bidCount("SBATDL")).isEqualTo(1);
        assertThat(api.as(BUREAU).get(bids("SBATDL")).json().path("bids").findValuesAsText("organizationCode"))
                .containsExactly(early);
    }

    @Test
    void aBidAfterTheDeadlineIsRefused() {
        ProcessInstance instance = tender("SBAFTER");
        String late = suzhou.qualifiedBidder();
        FangshanScenario.clock(OffsetDateTime.parse(DEADLINE).plusSeconds(1).toInstant());
        assertProblem(api.as(suzhou.providerOf(late)).post(bids("SBAFTER"), bid(late, 1_500_000)), 403);
        assertThat(bidCount("SBAFTER")).isZero();

        // and after the bids were opened
        scenario.executeJobs(instance.getId());
        FangshanScenario.clock(OffsetDateTime.parse(DEADLINE).plusDays(1).toInstant());
        assertProblem(api.as(suzhou.providerOf(late)).post(bids("SBAFTER"), bid(late, 1_500_000)), 403);
        assertThat(bidCount("SBAFTER")).isZero();
    }

    @Test
    void aBidForAnotherOrganizationIsRefused() {
        tender("SBOTHER");
        String mine = suzhou.qualifiedBidder();
        String theirs = suzhou.qualifiedBidder();
        assertProblem(api.as(suzhou.providerOf(mine)).post(bids("SBOTHER"), bid(theirs, 1_500_000)), 403);
        assertProblem(api.as(BUREAU).post(bids("SBOTHER"), bid(theirs, 1_500_000)), 403);
        assertProblem(api.as(AGENCY).post(bids("SBOTHER"), bid(theirs, 1_500_000)), 403);
        assertThat(bidCount("SBOTHER")).isZero();
        // the organization itself still may
        assertThat(api.as(suzhou.providerOf(theirs)).post(bids("SBOTHER"), bid(theirs, 1_500_000)).status())
                .isEqualTo(201);
    }

    @Test
    void aSecondBidOfTheSameOrganizationIsRefused() {
        tender("SBTWICE");
        String code = suzhou.qualifiedBidder();
        String provider = suzhou.providerOf(code);
        assertThat(api.as(provider).post(bids("SBTWICE"), bid(code, 2_000_000)).status()).isEqualTo(201);
        Api.Response second = api.as(provider).post(bids("SBTWICE"), bid(code, 1_000_000));
        assertProblem(second, 400);
        assertThat(second.errorFields()).contains("organizationCode");
        assertThat(bidCount("SBTWICE")).isEqualTo(1);

        FangshanScenario.clock(DEADLINE);
        JsonNode first = bidOf(api.as(BUREAU).get(bids("SBTWICE")).json(), code);
        assertThat(first.path("amount").decimalValue()).isEqualByComparingTo("2000000");
    }

    @Test
    void malformedBidsAreRefusedNamingTheFieldAndNothingIsStored() {
        Map<String, Object> start = suzhou.tender("SBBAD", ISSUED, DEADLINE);
        start.put("annualBudget", 1_000_000);
        start.put("serviceYears", 2);
        suzhou.start(start);
        String code = suzhou.qualifiedBidder();
        String provider = suzhou.providerOf(code);
        char last = code.charAt(17);
        String badCheckDigit = code.substring(0, 17) + (last == '0' ? '1' : '0');

        Map<String, Object> missingCode = new LinkedHashMap<>();
        missingCode.put("amount", 1_500_000);
        Map<String, Object> unknownField = bid(code, 1_500_000);
        unknownField.put("discount", 5);

        List<Map.Entry<String, Map<String, Object>>> cases = List.of(
                Map.entry("organizationCode", missingCode),
                Map.entry("organizationCode", bid(badCheckDigit, 1_500_000)),
                Map.entry("amount", bid(code, -1)),
                Map.entry("amount", bid(code, "1500000")),
                Map.entry("amount", bid(code, new BigDecimal("2000000.01"))),
                Map.entry("amount", bid(code, null)),
                Map.entry("discount", unknownField));
        for (Map.Entry<String, Map<String, Object>> c : cases) {
            Api.Response response = api.as(provider).post(bids("SBBAD"), c.getValue());
            assertProblem(response, 400);
            assertThat(response.errorFields()).as("%s → %s", c.getValue(), response.body()).contains(c.getKey());
        }
        Api.Response notJson = api.as(provider).post(bids("SBBAD"), "{\"organizationCode\": ");
        assertProblem(notJson, 400);
        assertThat(bidCount("SBBAD")).isZero();

        // the budget (annualBudget × serviceYears) itself is a valid bid, and the organization was not marked as having bid
        assertThat(api.as(provider).post(bids("SBBAD"), bid(code, 2_000_000)).status()).isEqualTo(201);
        assertThat(bidCount("SBBAD")).isEqualTo(1);
    }

    /** The probe's attack: amounts a double cannot hold, and text that is not valid Unicode, as raw JSON. */
    @Test
    void amountsPastWhatTheColumnHoldsAndBrokenUnicodeAreRefusedNamingTheField() {
        Map<String, Object> start = suzhou.tender("SBRAW", ISSUED, DEADLINE);
        start.put("annualBudget", 1_000_000);
        start.put("serviceYears", 2);
        suzhou.start(start);
        String code = suzhou.qualifiedBidder();
        String provider = suzhou.providerOf(code);

        for (String amount : List.of("1e400", "-1e400", "1e-400", "\"NaN\"", "\"Infinity\"", "1" + "0".repeat(400),
                "-" + "9".repeat(400), "1e99999999999", "1e2147483648", "9".repeat(1_001), "1500000.001",
                "1.5e6000", "0.0", "-0")) {
            Api.Response response = api.as(provider).send("POST", bids("SBRAW"),
                    "{\"organizationCode\": \"" + code + "\", \"amount\": " + amount + "}");
            assertProblem(response, 400);
            assertThat(response.errorFields()).as("%s → %s", amount, response.body()).contains("amount");
        }
        for (String organizationCode : List.of("\\ud800", "a\\udc00b", code.substring(0, 17) + "\\ud800",
                code + "\\u0000")) {
            Api.Response response = api.as(provider).send("POST", bids("SBRAW"),
                    "{\"organizationCode\": \"" + organizationCode + "\", \"amount\": 1500000}");
            assertProblem(response, 400);
            assertThat(response.errorFields()).as("%s → %s", organizationCode, response.body())
                    .contains("organizationCode");
        }
        assertThat(bidCount("SBRAW")).isZero();

        // an amount in exponent form is exact, cents included
        assertThat(api.as(provider).send("POST", bids("SBRAW"),
                "{\"organizationCode\": \"" + code + "\", \"amount\": 1.87654321e6}").status()).isEqualTo(201);
        FangshanScenario.clock(DEADLINE);
        JsonNode stored = bidOf(api.as(BUREAU).get(bids("SBRAW")).json(), code);
        assertThat(stored.path("amount").decimalValue()).isEqualByComparingTo("1876543.21");
    }

    @Test
    void aZeroAmountIsRefused() {
        tender("SBZERO");
        String code = suzhou.qualifiedBidder();
        Api.Response response = api.as(suzhou.providerOf(code)).post(bids("SBZERO"), bid(code, 0));
        assertProblem(response, 400);
        assertThat(response.errorFields()).contains("amount");
        assertThat(bidCount("SBZERO")).isZero();
    }

    @Test
    void anUnknownUnitIsNotFound() {
        String code = suzhou.qualifiedBidder();
        assertProblem(api.as(BUREAU).get(bids("SBNOSUCHUNIT")), 404);
        assertProblem(api.as(suzhou.providerOf(code)).post(bids("SBNOSUCHUNIT"), bid(code, 1_000_000)), 404);
    }

    @Test
    void withoutCredentialsTheAnswerIs401() {
        tender("SBANON");
        String code = suzhou.qualifiedBidder();
        assertProblem(api.anonymous().get(bids("SBANON")), 401);
        assertProblem(api.anonymous().post(bids("SBANON"), bid(code, 1_000_000)), 401);
        assertProblem(api.as(suzhou.providerOf(code), "wrong-password").post(bids("SBANON"), bid(code, 1_000_000)), 401);
        assertThat(bidCount("SBANON")).isZero();
    }

    @Test
    void afterTheDeadlineTheBureauSeesAllAmountsAProviderOnlyItsOwn() {
        ProcessInstance instance = tender("SBOPEN");
        String first = suzhou.qualifiedBidder();
        String second = suzhou.qualifiedBidder();
        String firstProvider = suzhou.providerOf(first);
        String secondProvider = suzhou.providerOf(second);
        assertThat(api.as(firstProvider).post(bids("SBOPEN"), bid(first, 1_876_543.21)).status()).isEqualTo(201);
        assertThat(api.as(secondProvider).post(bids("SBOPEN"), bid(second, 1_765_432.10)).status()).isEqualTo(201);
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());

        JsonNode all = api.as(BUREAU).get(bids("SBOPEN")).json();
        assertThat(all.path("sealed").asBoolean()).isFalse();
        assertThat(all.path("bidCount").asInt()).isEqualTo(2);
        assertThat(bidOf(all, first).path("amount").decimalValue()).isEqualByComparingTo("1876543.21");
        assertThat(bidOf(all, second).path("amount").decimalValue()).isEqualByComparingTo("1765432.10");
        assertThat(bidOf(all, first).path("qualified").asBoolean()).isTrue();

        JsonNode own = api.as(firstProvider).get(bids("SBOPEN")).json();
        assertThat(own.path("bids")).hasSize(1);
        assertThat(bidOf(own, first).path("amount").decimalValue()).isEqualByComparingTo("1876543.21");
        assertThat(api.as(firstProvider).get(bids("SBOPEN")).body()).doesNotContain(second).doesNotContain("1765432");

        JsonNode others = api.as(secondProvider).get(bids("SBOPEN")).json();
        assertThat(others.path("bids")).hasSize(1);
        assertThat(bidOf(others, second).path("amount").decimalValue()).isEqualByComparingTo("1765432.10");

        // a provider of an organization that did not bid sees none
        String bystander = suzhou.providerOf(suzhou.qualifiedBidder());
        assertThat(api.as(bystander).get(bids("SBOPEN")).json().path("bids")).isEmpty();
    }

    @Test
    void noProcessVariableHoldsABidAmount() {
        ProcessInstance instance = tender("SBVARS");
        String first = suzhou.qualifiedBidder();
        String second = suzhou.qualifiedBidder();
        List<BigDecimal> amounts = List.of(new BigDecimal("1876543.21"), new BigDecimal("1765432.10"));
        assertThat(api.as(suzhou.providerOf(first)).post(bids("SBVARS"), bid(first, amounts.get(0))).status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(second)).post(bids("SBVARS"), bid(second, amounts.get(1))).status())
                .isEqualTo(201);
        assertNoAmountIn(runtimeService.getVariables(instance.getId()), amounts);

        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SetUpEvaluationCommittee");
        assertNoAmountIn(runtimeService.getVariables(instance.getId()), amounts);

        scenario.experts(5);
        taskService.complete(task(instance), TransientInput.texts("committeeExperts", "expert1,expert2,expert3,expert4,expert5"));
        taskService.complete(task(instance), TransientInput.texts("winningOrganizationCode", second,
                "evaluationReport", "价格最低"));
        // the award notice follows the evaluation in its own transaction (Task_EvaluateBids is asyncAfter)
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract");
        assertNoAmountIn(runtimeService.getVariables(instance.getId()), amounts);

        Map<String, Object> history = new LinkedHashMap<>();
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            history.put(v.getName(), v.getValue());
        }
        assertNoAmountIn(history, amounts);
    }

    @Test
    void afterOpeningOnlyTheCommitteeSeesEveryBidAndABidderSeesItsRankingOnceAwarded() {
        ProcessInstance instance = tender("SBRANK");
        String first = suzhou.qualifiedBidder();
        String second = suzhou.qualifiedBidder();
        assertThat(api.as(suzhou.providerOf(first)).post(bids("SBRANK"), bid(first, new BigDecimal("1876543.21")))
                .status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(second)).post(bids("SBRANK"), bid(second, new BigDecimal("1765432.10")))
                .status()).isEqualTo(201);
        FangshanScenario.clock(DEADLINE);
        scenario.executeJobs(instance.getId());
        scenario.experts(6);
        taskService.complete(task(instance), TransientInput.texts("committeeExperts", "expert1,expert2,expert3,expert4,expert5"));
        assertThat(api.as("expert1").get(bids("SBRANK")).json().path("bids")).hasSize(2);
        assertThat(api.as("expert6").get(bids("SBRANK")).json().path("bids")).as("not on this committee").isEmpty();

        // before the award a bidder sees its own bid, without a ranking
        assertThat(api.as(suzhou.providerOf(first)).get(bids("SBRANK")).json().path("bids")).singleElement()
                .satisfies(own -> assertThat(own.path("ranking").isNull()).isTrue());
        taskService.complete(task(instance), TransientInput.texts("winningOrganizationCode", second,
                "ranking", second + "," + first, "evaluationReport", "价格最低"));
        scenario.executeJobs(instance.getId());
        assertThat(instance).isWaitingAt("Task_SignContract");
        assertThat(api.as(suzhou.providerOf(first)).get(bids("SBRANK")).json().path("bids").get(0).path("ranking").asInt())
                .isEqualTo(2);
    }

    private String task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    }

    private static void assertNoAmountIn(Map<String, Object> variables, List<BigDecimal> amounts) {
        assertThat(variables).isNotEmpty();
        List<String> offending = new ArrayList<>();
        variables.forEach((name, value) -> {
            for (BigDecimal amount : amounts) {
                if (value instanceof Number number && new BigDecimal(number.toString()).compareTo(amount) == 0) {
                    offending.add(name);
                }
                if (value != null && String.valueOf(value).contains(amount.toBigInteger().toString())) {
                    offending.add(name);
                }
            }
        });
        assertThat(offending).as("variables holding a bid amount: %s", variables).isEmpty();
    }
}
