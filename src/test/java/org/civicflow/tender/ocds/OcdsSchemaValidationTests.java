package org.civicflow.tender.ocds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Validates the release packages CivicFlow publishes at every stage of a contracting process against the full
 * OCDS 1.1.5 release-package schema (JSON Schema draft-04, formats asserted) in {@code ../shared/ocds/}, and
 * writes them to {@code target/ocds/} as samples.
 *
 * <p>The schema lies in the shared folder beside the project, not in the repository, so this class is left out
 * of the default {@code ./mvnw verify} and run by {@code .ci/run} through the {@code ocds-schema} profile
 * ({@code ./mvnw -Pocds-schema test}). Nothing is downloaded: the release schema, which the package schema
 * references by its URL, is mapped to the local file.
 */
@CivicFlowTest
class OcdsSchemaValidationTests {

    static final String SCHEMA_BASE = "https://standard.open-contracting.org/schema/1__1__5/";
    static final Path SAMPLES = Path.of("target", "ocds");

    private static Schema releasePackageSchema;

    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    ContractScenario contracts;
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    TestUsers users;
    @Autowired
    Api api;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Value("${civicflow.ocds.ocid-prefix}")
    String prefix;

    private final ObjectMapper objectMapper = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws IOException {
        Path packageSchema = OcdsScenario.SHARED_OCDS.resolve("release-package-schema.json");
        Path releaseSchema = OcdsScenario.SHARED_OCDS.resolve("release-schema.json");
        if (!Files.isRegularFile(packageSchema) || !Files.isRegularFile(releaseSchema)) {
            throw new IllegalStateException("The OCDS 1.1.5 schema is not in " + OcdsScenario.SHARED_OCDS.toAbsolutePath()
                    + ": this test needs the shared folder beside the project (release-package-schema.json and "
                    + "release-schema.json); run it where that folder exists, as .ci/run does");
        }
        Map<String, String> schemas = Map.of(
                SCHEMA_BASE + "release-package-schema.json", Files.readString(packageSchema, StandardCharsets.UTF_8),
                SCHEMA_BASE + "release-schema.json", Files.readString(releaseSchema, StandardCharsets.UTF_8));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, builder -> builder
                .schemas(schemas)
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        releasePackageSchema = registry.getSchema(SchemaLocation.of(SCHEMA_BASE + "release-package-schema.json"));
        Files.createDirectories(SAMPLES);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** Validates the package and writes it to target/ocds/{name}.json. */
    private JsonNode validated(String name, JsonNode pkg) throws IOException {
        Files.writeString(SAMPLES.resolve(name + ".json"), objectMapper.writerWithDefaultPrettyPrinter()
                .writeValueAsString(pkg), StandardCharsets.UTF_8);
        List<Error> errors = releasePackageSchema.validate(pkg);
        assertThat(errors).as(name + " against the OCDS 1.1.5 release package schema").isEmpty();
        return pkg;
    }

    @Test
    void theSchemaItselfRejectsAReleaseWithoutItsRequiredFields() {
        JsonNode broken = objectMapper.createObjectNode().put("uri", "https://example.org/ocds").put("version", "1.1")
                .put("publishedDate", "2018-06-01").set("releases", objectMapper.createArrayNode()
                        .add(objectMapper.createObjectNode().put("ocid", prefix + "-X-1")));
        assertThat(releasePackageSchema.validate(broken)).extracting(Error::getMessage)
                .anySatisfy(m -> assertThat(m).contains("publisher"))
                .anySatisfy(m -> assertThat(m).contains("initiationType"))
                .anySatisfy(m -> assertThat(m).contains("date-time"));
    }

    @Test
    void everyStageOfAContractingProcessIsAValidReleasePackage() throws IOException {
        OcdsScenario s = new OcdsScenario("OCDSSCHEMA", suzhou, contracts, fangshan, users, api, taskService,
                runtimeService);
        String ocid = prefix + "-" + s.tenderId();
        s.tenderWithTwoBids();
        validated("1-tender-sealed", s.releasePackage(ocid));
        s.bidsOpened();
        validated("2-tender-opened", s.releasePackage(ocid));
        s.awarded();
        validated("3-award", s.releasePackage(ocid));
        s.signed();
        validated("4-contract", s.releasePackage(ocid));
        s.reportQuarter(1);
        validated("5-implementation", s.releasePackage(ocid));
        s.completed(1);
        JsonNode done = validated("6-completed-and-paid", s.releasePackage(ocid));
        assertThat(done.path("releases").path(0).path("contracts").path(0).path("implementation")
                .path("transactions")).hasSize(1);

        // a tender whose own data breaks LAW-02, and the whole export
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
        suzhou.start(suzhou.tender("OCDSSCHEMAFAIL", "2018-05-20T09:00:00+08:00", "2018-05-25T09:00:00+08:00"));
        validated("7-tender-cancelled", s.releasePackage(prefix + "-OCDSSCHEMAFAIL-1"));
        Api.Response all = api.as(OcdsScenario.READER).get("/api/ocds/releases");
        assertThat(all.status()).isEqualTo(200);
        assertThat(validated("all-releases", all.json()).path("releases").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTenderCancelledAfterItsAwardIsAValidReleasePackage() throws IOException {
        OcdsScenario s = new OcdsScenario("OCDSSCHEMALAW05", suzhou, contracts, fangshan, users, api, taskService,
                runtimeService);
        s.tenderWithTwoBids(s.unqualifiedBidder());
        s.bidsOpened();
        s.awarded();
        s.winnerDoesNotSign();
        JsonNode cancelled = validated("8-award-cancelled", s.releasePackage(prefix + "-" + s.tenderId()));
        assertThat(cancelled.path("releases").path(0).path("awards").path(0).path("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void everyStageOfAFundedProjectsContractIsAValidReleasePackage() throws IOException {
        OcdsScenario s = new OcdsScenario("OCDSSCHEMAFS", suzhou, contracts, fangshan, users, api, taskService,
                runtimeService);
        ProcessInstance project = contracts.startProject(fangshan.organization().code());
        String ocid = prefix + "-" + project.getBusinessKey();
        validated("fs-1-contract", s.releasePackage(ocid));

        // the first report overdue (notMet), then in late; the second on time
        FangshanScenario.clock("2020-07-20T09:00:00+08:00");
        contracts.executeJobs(project);
        validated("fs-2-report-overdue", s.releasePackage(ocid));
        Map<String, Object> figures = new HashMap<>(Map.of("personsServed", 40, "caseServed", 10,
                "reportSummary", "按计划开展"));
        contracts.complete(project, "Task_SubmitQuarterlyReport", figures);
        contracts.reportQuarter(project, OffsetDateTime.parse("2020-10-02T10:00:00+08:00").toInstant(), figures);
        validated("fs-3-implementation", s.releasePackage(ocid));

        figures.put("completedOn", "2020-12-05");
        contracts.reportQuarter(project, OffsetDateTime.parse("2020-12-11T10:00:00+08:00").toInstant(), figures);
        contracts.complete(project, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true, "finalScore", 92,
                "indicatorsMet", "1,2,3", "acceptanceComment", "按期完成"));
        JsonNode done = validated("fs-4-completed-and-paid", s.releasePackage(ocid));
        assertThat(done.path("releases").path(0).path("contracts").path(0).path("implementation")
                .path("transactions")).hasSize(1);

        // the whole export, tenders and funded projects together
        Api.Response all = api.as(OcdsScenario.READER).get("/api/ocds/releases");
        assertThat(all.status()).isEqualTo(200);
        assertThat(validated("all-releases-with-funded-projects", all.json()).path("releases").findValuesAsText("ocid"))
                .contains(ocid);
    }
}
