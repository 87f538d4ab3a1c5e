package org.civicflow.tender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.OrganizationData;
import org.civicflow.registry.Qualification;
import org.civicflow.registry.RegistrationLevel;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.StaffData;
import org.civicflow.support.FangshanScenario;

/** Registry facts and bids-API readers shared by the tender tests (plain helpers, no Spring context of their own). */
final class TenderFixtures {

    /** Tender documents issued; the bid deadline 21 days later (LAW-02 met). Both Beijing time. */
    static final String ISSUED = "2018-05-20T09:00:00+08:00";
    static final String DEADLINE = "2018-06-10T09:00:00+08:00";

    private TenderFixtures() {
    }

    /** A registered organization (no staff yet). */
    static String organization(RegistryService registry, LegalForm form, String scope, boolean civilAffairs,
                               Integer evaluationPracticeYears) {
        String code = FangshanScenario.uniqueCode();
        registry.register(code, new OrganizationData("苏州测试机构" + code.substring(10, 16), form, RegistrationLevel.CITY,
                civilAffairs, true, false, scope, evaluationPracticeYears));
        return code;
    }

    static String organization(RegistryService registry, LegalForm form, String scope) {
        return organization(registry, form, scope, true, null);
    }

    /** Full-time employee: 24-month contract, social insurance paid. */
    static StaffData employee(String name, Qualification qualification, boolean diploma) {
        return employee(name, 24, true, qualification, diploma);
    }

    static StaffData employee(String name, int contractMonths, boolean insured, Qualification qualification,
                              boolean diploma) {
        return new StaffData(name, false, true, contractMonths, insured, qualification, diploma, 3, 2, true, false, false);
    }

    /** A board member who is not an employee (does not count for SZ-03). */
    static StaffData boardMember(String name, Qualification qualification) {
        return new StaffData(name, true, false, 0, false, qualification, false, 5, 0, true, false, false);
    }

    /** A part-time member of an evaluator's expert team (SZ-14). */
    static StaffData expert(String name) {
        return new StaffData(name, false, false, 0, false, null, false, 10, 0, true, false, true);
    }

    /** An evaluator's full-time team member (SZ-14). */
    static StaffData teamMember(String name, boolean professional, int experienceYears) {
        return new StaffData(name, false, true, 24, true, null, professional, experienceYears, 1, true, false, false);
    }

    /** {@code total} full-time employees, the first {@code professionals} of them with a social-work diploma only. */
    static void employees(RegistryService registry, String code, int total, int professionals) {
        for (int i = 0; i < total; i++) {
            registry.addStaff(code, employee("员工" + i, null, i < professionals));
        }
    }

    /** Meets SZ-01 … SZ-04: 民办非企业单位, social-work scope, a 社会工作师 on the board, 9 full-time, 5 professional. */
    static String serviceBidder(RegistryService registry) {
        String code = organization(registry, LegalForm.PRIVATE_NON_ENTERPRISE, "社会工作服务；社区治理");
        registry.addStaff(code, boardMember("理事长", Qualification.SOCIAL_WORKER));
        employees(registry, code, 9, 5);
        return code;
    }

    /**
     * An evaluator (SZ-14): 社会团体 with 评估 in its scope, {@code team} full-time non-expert staff of whom
     * {@code professionals} are social workers and the first has {@code leaderYears} of experience, and
     * {@code experts} part-time experts.
     */
    static String evaluator(RegistryService registry, int practiceYears, int team, int professionals, int leaderYears,
                            int experts) {
        return evaluator(registry, LegalForm.SOCIAL_GROUP, "社会服务项目监管评估", true, practiceYears, team,
                professionals, leaderYears, experts);
    }

    static String evaluator(RegistryService registry, LegalForm form, String scope, boolean civilAffairs,
                            int practiceYears, int team, int professionals, int leaderYears, int experts) {
        String code = organization(registry, form, scope, civilAffairs, practiceYears);
        for (int i = 0; i < team; i++) {
            registry.addStaff(code, teamMember("评估员" + i, i < professionals, i == 0 ? leaderYears : 1));
        }
        for (int i = 0; i < experts; i++) {
            registry.addStaff(code, expert("专家" + i));
        }
        return code;
    }

    /** The bid of {@code code} in a GET /api/tenders/{unit}/bids answer. */
    static JsonNode bidOf(JsonNode view, String code) {
        for (JsonNode bid : view.path("bids")) {
            if (code.equals(bid.path("organizationCode").asText())) {
                return bid;
            }
        }
        throw new AssertionError("No bid of " + code + " in " + view);
    }

    static List<String> ruleViolations(JsonNode bid) {
        assertThat(bid.path("ruleViolations").isArray()).as("ruleViolations is an array: %s", bid).isTrue();
        List<String> ids = new ArrayList<>();
        bid.path("ruleViolations").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    static String facts(JsonNode bid) {
        List<String> facts = new ArrayList<>();
        bid.path("facts").forEach(n -> facts.add(n.asText()));
        return String.join("\n", facts);
    }
}
