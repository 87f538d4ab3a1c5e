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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.civicflow.support.Api;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
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

    /** Tender issued 2018-05-20 09:00, bids until 2018-06-10 09:00 (Beijing time); two sealed bids. */
    void tenderWithTwoBids() {
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
        Map<String, Object> variables = suzhou.tender(unitCode, "2018-05-20T09:00:00+08:00", "2018-06-10T09:00:00+08:00");
        // the communities ContractScenario's agreement and quarterly figures name
        variables.put("communities", String.join(",", ContractScenario.COMMUNITIES));
        tender = suzhou.start(variables);
        winner = contracts.pilotOrganization();
        other = suzhou.qualifiedBidder();
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
        completeTenderTask(Map.of("committeeExperts", "expert1,expert2,expert3,expert4",
                "committeeRepresentatives", "街道代表"));
        completeTenderTask(Map.of("winningOrganizationCode", winner, "evaluationReport", "综合评分第一"));
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
