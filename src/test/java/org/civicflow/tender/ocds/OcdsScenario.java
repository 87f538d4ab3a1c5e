package org.civicflow.tender.ocds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.civicflow.support.Api;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.support.TransientInput;
import org.civicflow.system.Groups;

/**
 * A 苏州 unit's tender taken step by step through the stages an OCDS release reports (sealed bids, opening,
 * award, signature, quarterly reports, acceptance and payment), and the OCDS codelists to check values against.
 */
final class OcdsScenario {

    /** Where the shared OCDS 1.1.5 data lies: beside the project (developers' machines and CI). */
    static final Path SHARED_OCDS = Path.of("..", "shared", "ocds");
    static final String READER = "ocdsreader";

    private final SuzhouScenario suzhou;
    private final ContractScenario contracts;
    private final FangshanScenario fangshan;
    private final Api api;
    private final TaskService taskService;
    private final RuntimeService runtimeService;

    final String unitCode;
    ProcessInstance tender;
    ProcessInstance contract;
    String winner;
    String other;

    OcdsScenario(String unitCode, SuzhouScenario suzhou, ContractScenario contracts, FangshanScenario fangshan,
                 TestUsers users, Api api, TaskService taskService, RuntimeService runtimeService) {
        this.unitCode = unitCode;
        this.suzhou = suzhou;
        this.contracts = contracts;
        this.fangshan = fangshan;
        this.api = api;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        fangshan.experts(5);
        // any authenticated user may read the releases: a community worker with no part in the tender
        users.create(READER, Groups.COMMUNITY);
    }

    String tenderId() {
        return unitCode + "-1";
    }

    /** Tender issued 2018-05-20 09:00, bids until 2018-06-10 09:00 (Beijing time); two sealed qualified bids. */
    void tenderWithTwoBids() {
        tenderWithTwoBids(null);
    }

    /** As {@link #tenderWithTwoBids()}, the second (dearer) bid from {@code second}, or a qualified bidder if null. */
    void tenderWithTwoBids(String second) {
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
        Map<String, Object> variables = suzhou.tender(unitCode, "2018-05-20T09:00:00+08:00", "2018-06-10T09:00:00+08:00");
        // the communities ContractScenario's agreement and quarterly figures name
        variables.put("communities", String.join(",", ContractScenario.COMMUNITIES));
        tender = suzhou.start(variables);
        winner = contracts.pilotOrganization();
        other = second != null ? second : suzhou.qualifiedBidder();
        FangshanScenario.clock("2018-05-25T10:00:00+08:00");
        assertThat(api.as(suzhou.providerOf(winner)).post("/api/tenders/" + unitCode + "/bids",
                Map.of("organizationCode", winner, "amount", 2100000)).status()).isEqualTo(201);
        assertThat(api.as(suzhou.providerOf(other)).post("/api/tenders/" + unitCode + "/bids",
                Map.of("organizationCode", other, "amount", 2150000)).status()).isEqualTo(201);
    }

    /** The bid deadline passes: bids are opened and qualified. */
    void bidsOpened() {
        FangshanScenario.clock("2018-06-10T09:00:00+08:00");
        fangshan.executeJobs(tender.getId());
    }

    void awarded() {
        FangshanScenario.clock("2018-06-12T10:00:00+08:00");
        completeTenderTask(TransientInput.texts("committeeExperts", "expert1,expert2,expert3,expert4",
                "committeeRepresentatives", "街道代表"));
        completeTenderTask(TransientInput.texts("winningOrganizationCode", winner, "evaluationReport", "综合评分第一"));
        // the award notice follows the evaluation in its own transaction (Task_EvaluateBids is asyncAfter)
        fangshan.executeJobs(tender.getId());
    }

    /** A 房山 organization (4 staff, no 社会工作师 on the board): its bid fails SZ-02 and SZ-03. */
    String unqualifiedBidder() {
        return fangshan.organization().code();
    }

    /** LAW-05: the winner does not sign, and the bureau offers the contract to the next-ranked qualified bidder. */
    void winnerDoesNotSign() {
        FangshanScenario.clock("2018-06-15T10:00:00+08:00");
        completeTenderTask(Map.of("contractSigned", false));
        completeTenderTask(Map.of("offerNextRanked", true));
    }

    void signed() {
        FangshanScenario.clock("2018-06-15T10:00:00+08:00");
        completeTenderTask(Map.of("contractSigned", true));
        contract = runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceContract")
                .processInstanceBusinessKey("HT-" + tenderId()).singleResult();
        assertThat(contract).as("serviceContract of HT-" + tenderId()).isNotNull();
        contracts.complete(contract, "Task_RegisterServiceTeam", contracts.team(winner));
        contracts.complete(contract, "Task_PrepareExecutionPlan", ContractScenario.plan());
        contracts.complete(contract, "Task_ConfirmServiceAgreement", ContractScenario.agreement());
    }

    static final List<String> QUARTER_ENDS = List.of("2018-09-30", "2018-12-31", "2019-03-31", "2019-06-30",
            "2019-09-30", "2019-12-31", "2020-03-31", "2020-06-30");

    /** Reports quarter {@code n} (1-based) two days after its end, with the year's assessments when it closes one. */
    void reportQuarter(int n) {
        contracts.reportQuarter(contract, OffsetDateTime.parse(LocalDate.parse(QUARTER_ENDS.get(n - 1)).plusDays(2)
                + "T10:00:00+08:00").toInstant(), ContractScenario.goodQuarter());
    }

    /** The remaining quarters, the evaluator's final acceptance and the payment. */
    void completed(int reportedSoFar) {
        for (int n = reportedSoFar + 1; n <= QUARTER_ENDS.size(); n++) {
            reportQuarter(n);
        }
        contracts.complete(contract, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true,
                "finalScore", 88, "acceptanceComment", "各项指标均已达成"));
    }

    private void completeTenderTask(Map<String, Object> variables) {
        taskService.complete(taskService.createTaskQuery().processInstanceId(tender.getId()).singleResult().getId(),
                variables);
    }

    /** The release package of this tender's contracting process, as the reader sees it. */
    JsonNode releasePackage(String ocid) {
        Api.Response response = api.as(READER).get("/api/ocds/releases/" + ocid);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    // --- what every release must have -----------------------------------------------------------------

    static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");

    /** The release package's required fields (uri, version, publishedDate, publisher, releases). */
    static void assertPackage(JsonNode pkg) {
        assertThat(pkg.path("uri").asText()).startsWith("http").contains("/api/ocds/releases");
        assertThat(pkg.path("version").asText()).isEqualTo("1.1");
        assertThat(pkg.path("publishedDate").asText()).matches(DATE_TIME);
        assertThat(pkg.path("publisher").path("name").asText()).isNotBlank();
        assertThat(pkg.path("releases").isArray()).isTrue();
    }

    /** What every release must have, and every code taken from the standard's codelists. */
    static void assertRelease(JsonNode release, String prefix) {
        assertThat(release.path("ocid").asText()).startsWith(prefix + "-");
        assertThat(release.path("id").asText()).startsWith(release.path("ocid").asText() + "-");
        assertThat(release.path("date").asText()).matches(DATE_TIME);
        assertThat(release.path("initiationType").asText()).isEqualTo("tender");
        assertThat(release.path("language").asText()).isEqualTo("zh");
        assertThat(texts(release.path("tag"))).isNotEmpty().isSubsetOf(codelist("releaseTag.csv"));
        JsonNode tender = release.path("tender");
        assertThat(tender.path("status").asText()).isIn(codelist("tenderStatus.csv"));
        assertThat(tender.path("procurementMethod").asText()).isIn(codelist("method.csv"));
        Set<String> roles = codelist("partyRole.csv");
        release.path("parties").forEach(p -> assertThat(texts(p.path("roles"))).isNotEmpty().isSubsetOf(roles));
        release.path("awards").forEach(a -> assertThat(a.path("status").asText())
                .isIn(codelist("awardStatus.csv")));
        release.path("contracts").forEach(c -> {
            assertThat(c.path("status").asText()).isIn(codelist("contractStatus.csv"));
            c.path("implementation").path("milestones").forEach(m -> {
                assertThat(m.path("type").asText()).isIn(codelist("milestoneType.csv"));
                assertThat(m.path("status").asText()).isIn(codelist("milestoneStatus.csv"));
            });
        });
        // every organization reference points at a party
        List<String> partyIds = release.path("parties").findValuesAsText("id");
        List<JsonNode> references = new ArrayList<>();
        references.add(release.path("buyer"));
        references.add(tender.path("procuringEntity"));
        tender.path("tenderers").forEach(references::add);
        release.path("awards").forEach(a -> a.path("suppliers").forEach(references::add));
        release.path("contracts").forEach(c -> c.path("implementation").path("transactions").forEach(t -> {
            references.add(t.path("payer"));
            references.add(t.path("payee"));
        }));
        references.forEach(r -> assertThat(partyIds).contains(r.path("id").asText()));
        // every contract points at an award of the release
        List<String> awardIds = new ArrayList<>();
        release.path("awards").forEach(a -> awardIds.add(a.path("id").asText()));
        release.path("contracts").forEach(c -> assertThat(awardIds).contains(c.path("awardID").asText()));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> roles(JsonNode release, String partyId) {
        for (JsonNode party : release.path("parties")) {
            if (party.path("id").asText().equals(partyId)) {
                return texts(party.path("roles"));
            }
        }
        return List.of();
    }

    // --- codelists ----------------------------------------------------------------------------------

    /**
     * The codes of an OCDS 1.1.5 codelist (first column of its CSV): from {@code ../shared/ocds/} when it is
     * there, else from the copies under {@code src/test/resources/ocds/codelists/}.
     */
    static Set<String> codelist(String name) {
        Path shared = SHARED_OCDS.resolve(name);
        try {
            List<String> lines;
            if (Files.isRegularFile(shared)) {
                lines = Files.readAllLines(shared, StandardCharsets.UTF_8);
            } else {
                try (InputStream in = OcdsScenario.class.getResourceAsStream("/ocds/codelists/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("OCDS codelist " + name + " is neither in " + shared.toAbsolutePath()
                                + " (the shared folder beside the project) nor in src/test/resources/ocds/codelists/");
                    }
                    lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                }
            }
            Set<String> codes = new LinkedHashSet<>();
            lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(l -> codes.add(l.split(",", 2)[0].strip()));
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
