package org.civicflow.tender.ocds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * GET /api/ocds/releases for a funded 房山 project's contract (no tender): one contracting process per contract,
 * {@code ocid} = {@code <prefix>-<contract number>}, the call for proposals as its tender, the funding decision
 * as its award, then the contract's reports, final acceptance (FS-11) and payment.
 */
@CivicFlowTest
class OcdsFundedProjectReleasesTests {

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

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private OcdsScenario reader() {
        return new OcdsScenario("OCDSFUNDED", suzhou, contracts, fangshan, users, api, taskService, runtimeService);
    }

    private JsonNode release(OcdsScenario s, String ocid) {
        JsonNode pkg = s.releasePackage(ocid);
        OcdsScenario.assertPackage(pkg);
        assertThat(pkg.path("releases")).hasSize(1);
        JsonNode release = pkg.path("releases").path(0);
        OcdsScenario.assertRelease(release, prefix);
        return release;
    }

    private static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    private static JsonNode milestone(JsonNode release, String id) {
        for (JsonNode m : release.path("contracts").path(0).path("implementation").path("milestones")) {
            if (m.path("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no milestone " + id + " in " + release);
    }

    private static Map<String, Object> figures() {
        return new HashMap<>(Map.of("personsServed", 40, "caseServed", 10, "reportSummary", "按计划开展"));
    }

    @Test
    void aFundedProjectsContractIsPublishedFromItsCallToItsPayment() {
        OcdsScenario s = reader();
        String org = fangshan.organization().code();
        ProcessInstance project = contracts.startProject(org);
        String number = project.getBusinessKey();
        String ocid = prefix + "-" + number;

        // registered at the funding decision: the call, the grant and the contract
        JsonNode registered = release(s, ocid);
        assertThat(registered.path("ocid").asText()).isEqualTo(ocid);
        assertThat(OcdsScenario.texts(registered.path("tag"))).containsExactly("contract");
        assertThat(registered.path("initiationType").asText()).isEqualTo("tender");
        assertThat(registered.path("buyer").path("name").asText()).isEqualTo("北京市房山区民政局");
        assertThat(OcdsScenario.roles(registered, registered.path("buyer").path("id").asText()))
                .contains("buyer", "procuringEntity");
        JsonNode call = registered.path("tender");
        assertThat(call.path("title").asText()).isEqualTo("2020年房山区政府购买社会组织服务项目征集");
        assertThat(call.path("status").asText()).isEqualTo("complete");
        assertThat(call.path("procurementMethod").asText()).isEqualTo("open");
        assertThat(call.path("procurementMethodDetails").asText()).isEqualTo("项目征集（申报、资格审查、专家评审、立项）");
        assertThat(call.path("tenderPeriod").path("startDate").asText()).isEqualTo("2020-01-01T00:00:00+08:00");
        // FS-01: 2020年2月7日24时
        assertThat(call.path("tenderPeriod").path("endDate").asText()).isEqualTo("2020-02-08T00:00:00+08:00");
        assertThat(call.path("eligibilityCriteria").asText())
                .contains("FS-02", "FS-03", "FS-04", "FS-05", "FS-06", "FS-07", "FS-08", "FS-09", "FS-10")
                .doesNotContain("SZ-");
        assertThat(call.path("procuringEntity").path("id").asText()).isEqualTo(registered.path("buyer").path("id").asText());
        assertThat(registered.has("planning")).isFalse();

        JsonNode award = registered.path("awards").path(0);
        assertThat(registered.path("awards")).hasSize(1);
        assertThat(award.path("status").asText()).isEqualTo("active");
        assertThat(award.path("date").asText()).isEqualTo("2020-04-15T09:00:00+08:00");
        assertThat(award.path("value").path("amount").decimalValue()).isEqualByComparingTo("120000");
        assertThat(award.path("value").path("currency").asText()).isEqualTo("CNY");
        assertThat(award.path("suppliers").findValuesAsText("id")).containsExactly("CN-SAMR-" + org);
        assertThat(OcdsScenario.roles(registered, "CN-SAMR-" + org)).containsExactly("supplier");

        JsonNode contract = registered.path("contracts").path(0);
        assertThat(registered.path("contracts")).hasSize(1);
        assertThat(contract.path("id").asText()).isEqualTo(number);
        assertThat(contract.path("awardID").asText()).isEqualTo(award.path("id").asText());
        assertThat(contract.path("title").asText()).isEqualTo("社区治理创新测试项目");
        assertThat(contract.path("status").asText()).isEqualTo("active");
        assertThat(contract.path("value").path("amount").decimalValue()).isEqualByComparingTo("120000");
        assertThat(contract.path("period").path("startDate").asText()).isEqualTo("2020-04-15T00:00:00+08:00");
        // FS-11: complete by 2020年12月10日
        assertThat(contract.path("period").path("endDate").asText()).isEqualTo("2020-12-10T23:59:59+08:00");
        JsonNode acceptance = milestone(registered, "acceptance");
        assertThat(acceptance.path("type").asText()).isEqualTo("approval");
        assertThat(acceptance.path("status").asText()).isEqualTo("scheduled");
        assertThat(acceptance.path("dueDate").asText()).isEqualTo("2020-12-11T00:00:00+08:00");
        assertThat(contract.path("implementation").has("transactions")).isFalse();

        // published in the whole export as well
        Api.Response all = api.as(OcdsScenario.READER).get("/api/ocds/releases");
        assertThat(all.status()).isEqualTo(200);
        List<JsonNode> listed = new java.util.ArrayList<>();
        all.json().path("releases").forEach(r -> {
            if (r.path("ocid").asText().equals(ocid)) {
                listed.add(r);
            }
        });
        assertThat(listed).singleElement().satisfies(r -> {
            OcdsScenario.assertRelease(r, prefix);
            assertThat(r.path("contracts").path(0).path("id").asText()).isEqualTo(number);
        });

        // the first quarter reported on time: a reporting milestone met
        contracts.reportQuarter(project, at("2020-07-02T10:00:00+08:00"), figures());
        JsonNode reported = release(s, ocid);
        assertThat(OcdsScenario.texts(reported.path("tag"))).containsExactly("implementation");
        assertThat(reported.path("id").asText()).isNotEqualTo(registered.path("id").asText());
        JsonNode first = milestone(reported, "report-1");
        assertThat(first.path("type").asText()).isEqualTo("reporting");
        assertThat(first.path("status").asText()).isEqualTo("met");
        assertThat(first.path("dateMet").asText()).isEqualTo("2020-07-02T10:00:00+08:00");
        // 15 days after the period's end (2020-06-30)
        assertThat(first.path("dueDate").asText()).isEqualTo("2020-07-16T00:00:00+08:00");
        assertThat(first.path("description").asText()).startsWith("FS-11").doesNotContain("SZ-07", "逾期");
        assertThat(milestone(reported, "acceptance").path("status").asText()).isEqualTo("scheduled");

        // the other two periods, the final acceptance against the catalog indicators, the payment
        contracts.reportQuarter(project, at("2020-10-02T10:00:00+08:00"), figures());
        Map<String, Object> last = figures();
        last.put("completedOn", "2020-12-05");
        contracts.reportQuarter(project, at("2020-12-11T10:00:00+08:00"), last);
        contracts.complete(project, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true, "finalScore", 92,
                "indicatorsMet", "1,2,3", "acceptanceComment", "按期完成"));
        assertThat(project).isEnded().hasPassed("EndEvent_ContractCompleted");

        JsonNode done = release(s, ocid);
        assertThat(OcdsScenario.texts(done.path("tag"))).containsExactly("contractTermination");
        JsonNode finished = done.path("contracts").path(0);
        assertThat(finished.path("status").asText()).isEqualTo("terminated");
        assertThat(finished.path("awardID").asText()).isEqualTo(done.path("awards").path(0).path("id").asText());
        JsonNode implementation = finished.path("implementation");
        assertThat(implementation.path("milestones").findValuesAsText("type").stream().filter("reporting"::equals))
                .hasSize(3);
        assertThat(implementation.path("milestones").findValuesAsText("status")).containsOnly("met");
        JsonNode accepted = milestone(done, "acceptance");
        assertThat(accepted.path("status").asText()).isEqualTo("met");
        assertThat(accepted.path("dateMet").asText()).isEqualTo("2020-12-11T10:00:00+08:00");
        assertThat(accepted.path("description").asText()).contains("92", "FS-11", "1-1");
        assertThat(implementation.path("transactions")).hasSize(1);
        JsonNode payment = implementation.path("transactions").path(0);
        assertThat(payment.path("id").asText()).isEqualTo(number + "-payment");
        assertThat(payment.path("date").asText()).isEqualTo("2020-12-11T10:00:00+08:00");
        assertThat(payment.path("value").path("amount").decimalValue()).isEqualByComparingTo("120000");
        assertThat(payment.path("payer").path("id").asText()).isEqualTo(done.path("buyer").path("id").asText());
        assertThat(payment.path("payee").path("id").asText()).isEqualTo("CN-SAMR-" + org);
        assertThat(OcdsScenario.roles(done, "CN-SAMR-" + org)).containsExactly("supplier", "payee");
        assertThat(OcdsScenario.roles(done, done.path("buyer").path("id").asText())).contains("buyer", "payer");
        assertThat(implementation.path("documents").findValuesAsText("documentType")).contains("completionCertificate");
        assertThat(implementation.path("documents").findValuesAsText("url"))
                .allSatisfy(url -> assertThat(url).startsWith("http").contains("/api/documents/"));
        // the award stays the grant; the contract's value is its current amount
        assertThat(done.path("awards").path(0).path("value").path("amount").decimalValue()).isEqualByComparingTo("120000");
        assertThat(done.path("date").asText()).isEqualTo("2020-12-11T10:00:00+08:00");
    }

    @Test
    void anOverdueQuarterlyReportIsNotMetUntilItComesInLate() {
        OcdsScenario s = reader();
        ProcessInstance project = contracts.startProject(fangshan.organization().code());
        String ocid = prefix + "-" + project.getBusinessKey();

        // the first period ended 2020-06-30, its report was due 2020年7月15日24时; nothing came: escalated
        FangshanScenario.clock("2020-07-20T09:00:00+08:00");
        contracts.executeJobs(project);
        assertThat(project).hasPassed("Task_EscalateOverdueReport").isWaitingAt("Task_SubmitQuarterlyReport");
        JsonNode overdue = release(s, ocid);
        assertThat(OcdsScenario.texts(overdue.path("tag"))).containsExactly("implementation");
        JsonNode missed = milestone(overdue, "report-1");
        assertThat(missed.path("status").asText()).isEqualTo("notMet");
        assertThat(missed.path("dueDate").asText()).isEqualTo("2020-07-16T00:00:00+08:00");
        assertThat(missed.path("dateModified").asText()).isEqualTo("2020-07-20T09:00:00+08:00");
        assertThat(missed.has("dateMet")).isFalse();

        // it comes in late: met, on the day it came, and said to be late
        FangshanScenario.clock("2020-07-21T10:00:00+08:00");
        contracts.complete(project, "Task_SubmitQuarterlyReport", figures());
        JsonNode late = milestone(release(s, ocid), "report-1");
        assertThat(late.path("status").asText()).isEqualTo("met");
        assertThat(late.path("dateMet").asText()).isEqualTo("2020-07-21T10:00:00+08:00");
        assertThat(late.path("description").asText()).startsWith("FS-11").contains("逾期提交");
    }
}
