package org.civicflow.tender.ocds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * GET /api/ocds/releases: what the Open Contracting Data Standard 1.1 requires of a release (ocid with the
 * publisher's prefix, id, date, tag, initiationType), the ids that link tender, award and contract, values
 * from the standard's codelists, sealed bids, and the contract's implementation.
 */
@CivicFlowTest
class OcdsReleasesTests {

    private static final Pattern DATE_TIME = OcdsScenario.DATE_TIME;

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

    private OcdsScenario scenario(String unitCode) {
        return new OcdsScenario(unitCode, suzhou, contracts, fangshan, users, api, taskService, runtimeService);
    }

    private String ocid(OcdsScenario s) {
        return prefix + "-" + s.tenderId();
    }

    private JsonNode release(OcdsScenario s) {
        JsonNode pkg = s.releasePackage(ocid(s));
        assertPackage(pkg);
        assertThat(pkg.path("releases")).hasSize(1);
        JsonNode release = pkg.path("releases").path(0);
        assertRelease(release);
        return release;
    }

    private void assertPackage(JsonNode pkg) {
        OcdsScenario.assertPackage(pkg);
    }

    private void assertRelease(JsonNode release) {
        OcdsScenario.assertRelease(release, prefix);
    }

    private static List<String> texts(JsonNode array) {
        return OcdsScenario.texts(array);
    }

    private static List<String> roles(JsonNode release, String partyId) {
        return OcdsScenario.roles(release, partyId);
    }

    @Test
    void beforeTheBidDeadlineOnlyTheNumberOfSealedBidsIsPublished() {
        OcdsScenario s = scenario("OCDSSEALED");
        s.tenderWithTwoBids();

        JsonNode release = release(s);
        assertThat(release.path("ocid").asText()).isEqualTo(prefix + "-OCDSSEALED-1");
        assertThat(texts(release.path("tag"))).containsExactly("tender");
        JsonNode tender = release.path("tender");
        assertThat(tender.path("id").asText()).isEqualTo("OCDSSEALED-1");
        assertThat(tender.path("status").asText()).isEqualTo("active");
        assertThat(tender.path("procurementMethod").asText()).isEqualTo("open");
        assertThat(tender.path("tenderPeriod").path("startDate").asText()).isEqualTo("2018-05-20T09:00:00+08:00");
        assertThat(tender.path("tenderPeriod").path("endDate").asText()).isEqualTo("2018-06-10T09:00:00+08:00");
        assertThat(tender.path("eligibilityCriteria").asText()).contains("SZ-01", "SZ-02", "SZ-03", "SZ-04");
        assertThat(tender.path("value").path("amount").decimalValue()).isEqualByComparingTo("2200000");
        assertThat(tender.path("value").path("currency").asText()).isEqualTo("CNY");
        // SZ-13: 1,100,000 yuan a year × 2 years
        assertThat(release.path("planning").path("budget").path("amount").path("amount").decimalValue())
                .isEqualByComparingTo("2200000");
        assertThat(tender.path("documents").findValuesAsText("documentType")).contains("tenderNotice");
        assertThat(tender.path("documents").path(0).path("url").asText()).contains("/api/documents/");

        // sealed: the count, never bidders or amounts
        assertThat(tender.path("numberOfTenderers").asInt()).isEqualTo(2);
        assertThat(tender.has("tenderers")).isFalse();
        assertThat(release.has("awards")).isFalse();
        assertThat(release.path("parties")).hasSize(1);
        assertThat(roles(release, release.path("buyer").path("id").asText())).contains("buyer");
        assertThat(release.toString()).doesNotContain("2100000", "2150000", s.winner, s.other);
        assertThat(api.as(OcdsScenario.READER).get("/api/ocds/releases").body())
                .contains(ocid(s)).doesNotContain("2100000", s.winner, s.other);
    }

    @Test
    void aTenderIsPublishedThroughAwardContractImplementationAndPayment() {
        OcdsScenario s = scenario("OCDSFULL");
        s.tenderWithTwoBids();
        String sealedId = release(s).path("id").asText();
        assertThat(release(s).path("id").asText()).as("the same data, the same release id").isEqualTo(sealedId);

        // opened: the tenderers are named, still no amounts
        s.bidsOpened();
        JsonNode opened = release(s);
        assertThat(opened.path("id").asText()).isNotEqualTo(sealedId);
        assertThat(texts(opened.path("tag"))).containsExactly("tender");
        assertThat(opened.path("tender").path("tenderers")).hasSize(2);
        assertThat(opened.path("tender").path("tenderers").findValuesAsText("id"))
                .allSatisfy(id -> assertThat(id).startsWith("CN-SAMR-"));
        assertThat(roles(opened, "CN-SAMR-" + s.winner)).containsExactly("tenderer");
        JsonNode winnerParty = null;
        for (JsonNode p : opened.path("parties")) {
            if (p.path("id").asText().equals("CN-SAMR-" + s.winner)) {
                winnerParty = p;
            }
        }
        assertThat(winnerParty).isNotNull();
        assertThat(winnerParty.path("identifier").path("scheme").asText()).isEqualTo("CN-SAMR");
        assertThat(winnerParty.path("identifier").path("id").asText()).isEqualTo(s.winner);
        assertThat(opened.toString()).doesNotContain("2100000", "2150000");

        // awarded: the winning bid is the award's value
        s.awarded();
        JsonNode awarded = release(s);
        assertThat(texts(awarded.path("tag"))).containsExactly("award");
        assertThat(awarded.path("tender").path("status").asText()).isEqualTo("complete");
        JsonNode award = awarded.path("awards").path(0);
        assertThat(award.path("id").asText()).isNotBlank();
        assertThat(award.path("status").asText()).isEqualTo("active");
        assertThat(award.path("date").asText()).isEqualTo("2018-06-12T10:00:00+08:00");
        assertThat(award.path("value").path("amount").decimalValue()).isEqualByComparingTo("2100000");
        assertThat(award.path("value").path("currency").asText()).isEqualTo("CNY");
        assertThat(award.path("suppliers").findValuesAsText("id")).containsExactly("CN-SAMR-" + s.winner);
        assertThat(roles(awarded, "CN-SAMR-" + s.winner)).containsExactlyInAnyOrder("tenderer", "supplier");
        assertThat(award.path("documents").findValuesAsText("documentType")).containsExactly("awardNotice");
        assertThat(awarded.has("contracts")).isFalse();
        assertThat(awarded.toString()).doesNotContain("2150000");

        // signed: the contract, linked to its award
        s.signed();
        JsonNode signed = release(s);
        assertThat(texts(signed.path("tag"))).containsExactly("contract");
        JsonNode contract = signed.path("contracts").path(0);
        assertThat(contract.path("id").asText()).isEqualTo("HT-OCDSFULL-1");
        assertThat(contract.path("awardID").asText()).isEqualTo(signed.path("awards").path(0).path("id").asText());
        assertThat(contract.path("status").asText()).isEqualTo("active");
        assertThat(contract.path("dateSigned").asText()).isEqualTo("2018-06-15T10:00:00+08:00");
        assertThat(contract.path("value").path("amount").decimalValue()).isEqualByComparingTo("2100000");
        assertThat(contract.path("period").path("startDate").asText()).isEqualTo("2018-07-01T00:00:00+08:00");
        assertThat(contract.path("period").path("endDate").asText()).isEqualTo("2020-06-30T23:59:59+08:00");
        assertThat(contract.path("implementation").path("transactions").isMissingNode()).isTrue();

        // the first quarterly report: a reporting milestone met
        s.reportQuarter(1);
        JsonNode reported = release(s);
        assertThat(texts(reported.path("tag"))).containsExactly("implementation");
        JsonNode milestones = reported.path("contracts").path(0).path("implementation").path("milestones");
        JsonNode first = milestones.path(0);
        assertThat(first.path("id").asText()).isEqualTo("report-1");
        assertThat(first.path("type").asText()).isEqualTo("reporting");
        assertThat(first.path("status").asText()).isEqualTo("met");
        assertThat(first.path("dateMet").asText()).isEqualTo("2018-10-02T10:00:00+08:00");
        assertThat(first.path("dueDate").asText()).matches(DATE_TIME);
        assertThat(milestones.findValuesAsText("type")).doesNotContain("assessment");
        assertThat(milestones.findValues("id").stream().filter(id -> id.asText().equals("acceptance")).findFirst()
                .map(a -> a.asText())).isPresent();
        assertThat(reported.path("id").asText()).isNotEqualTo(signed.path("id").asText());

        // all quarters, the annual assessments, acceptance and payment
        s.completed(1);
        JsonNode done = release(s);
        assertThat(texts(done.path("tag"))).containsExactly("contractTermination");
        JsonNode finished = done.path("contracts").path(0);
        assertThat(finished.path("status").asText()).isEqualTo("terminated");
        JsonNode implementation = finished.path("implementation");
        assertThat(implementation.path("milestones").findValuesAsText("type").stream()
                .filter("reporting"::equals)).hasSize(8);
        assertThat(implementation.path("milestones").findValuesAsText("type").stream()
                .filter("assessment"::equals)).hasSize(4);
        JsonNode acceptance = null;
        for (JsonNode m : implementation.path("milestones")) {
            if (m.path("id").asText().equals("acceptance")) {
                acceptance = m;
            }
        }
        assertThat(acceptance).isNotNull();
        assertThat(acceptance.path("type").asText()).isEqualTo("approval");
        assertThat(acceptance.path("status").asText()).isEqualTo("met");
        assertThat(implementation.path("milestones").findValuesAsText("status")).containsOnly("met");
        JsonNode payment = implementation.path("transactions").path(0);
        assertThat(payment.path("id").asText()).isNotBlank();
        assertThat(payment.path("value").path("amount").decimalValue()).isPositive();
        assertThat(payment.path("value").path("currency").asText()).isEqualTo("CNY");
        assertThat(payment.path("payee").path("id").asText()).isEqualTo("CN-SAMR-" + s.winner);
        assertThat(payment.path("payer").path("id").asText()).isEqualTo(done.path("buyer").path("id").asText());
        assertThat(roles(done, "CN-SAMR-" + s.winner)).contains("supplier", "payee");
        assertThat(roles(done, done.path("buyer").path("id").asText())).contains("buyer", "payer");
        assertThat(implementation.path("documents").findValuesAsText("documentType")).contains("completionCertificate");
    }

    @Test
    void aTenderWhoseOwnDataBreaksARuleIsPublishedAsCancelled() {
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
        // LAW-02: only 5 days between issuing the documents and the bid deadline
        suzhou.start(suzhou.tender("OCDSLAW02", "2018-05-20T09:00:00+08:00", "2018-05-25T09:00:00+08:00"));
        JsonNode release = release(scenario("OCDSLAW02"));
        assertThat(texts(release.path("tag"))).containsExactly("tenderCancellation");
        assertThat(release.path("tender").path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aTenderWhoseWinnerDoesNotSignWithNoNextRankedBidderIsCancelledWithItsAward() {
        OcdsScenario s = scenario("OCDSLAW05");
        s.tenderWithTwoBids(s.unqualifiedBidder());
        s.bidsOpened();
        s.awarded();
        assertThat(texts(release(s).path("tag"))).containsExactly("award");

        // LAW-05: the winner does not sign; the other bid failed qualification, so there is no next-ranked bidder
        s.winnerDoesNotSign();
        JsonNode failed = release(s);
        assertThat(texts(failed.path("tag"))).containsExactly("tenderCancellation", "awardCancellation");
        assertThat(failed.path("tender").path("status").asText()).isEqualTo("unsuccessful");
        assertThat(failed.path("tender").path("documents").findValuesAsText("documentType"))
                .contains("tenderNotice", "cancellationDetails");
        assertThat(failed.path("awards")).hasSize(1);
        JsonNode award = failed.path("awards").path(0);
        assertThat(award.path("status").asText()).isEqualTo("cancelled");
        assertThat(award.path("date").asText()).isEqualTo("2018-06-12T10:00:00+08:00");
        assertThat(award.path("suppliers").findValuesAsText("id")).containsExactly("CN-SAMR-" + s.winner);
        assertThat(award.path("value").path("amount").decimalValue()).isEqualByComparingTo("2100000");
        assertThat(failed.has("contracts")).isFalse();
        assertThat(failed.toString()).doesNotContain("2150000");
    }

    @Test
    void unknownOcidIsNotFoundAndCredentialsAreRequired() {
        users.create(OcdsScenario.READER, org.civicflow.system.Groups.COMMUNITY);
        Api.Response unknown = api.as(OcdsScenario.READER).get("/api/ocds/releases/" + prefix + "-NOSUCHUNIT-1");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.as(OcdsScenario.READER).get("/api/ocds/releases/ocds-other-X-1").status()).isEqualTo(404);

        assertThat(api.anonymous().get("/api/ocds/releases").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/api/ocds/releases/" + prefix + "-NOSUCHUNIT-1").status()).isEqualTo(401);
        // (a wrong password is 401 too, but locks the user for a while: not tried with the shared reader)

        Api.Response all = api.as(OcdsScenario.READER).get("/api/ocds/releases");
        assertThat(all.status()).isEqualTo(200);
        assertPackage(all.json());
        all.json().path("releases").forEach(this::assertRelease);
    }
}
