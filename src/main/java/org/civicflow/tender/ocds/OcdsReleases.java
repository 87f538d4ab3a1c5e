package org.civicflow.tender.ocds;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civicflow.contract.AnnualAssessment;
import org.civicflow.contract.ContractKind;
import org.civicflow.contract.ContractPenalty;
import org.civicflow.contract.ContractService;
import org.civicflow.contract.ContractStatus;
import org.civicflow.contract.QuarterlyReport;
import org.civicflow.contract.ServiceContract;
import org.civicflow.documents.ArchivedDocument;
import org.civicflow.documents.DocumentService;
import org.civicflow.registry.Organization;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.system.ShanghaiTime;
import org.civicflow.tender.Bid;
import org.civicflow.tender.Tender;
import org.civicflow.tender.TenderKind;
import org.civicflow.tender.TenderService;
import org.civicflow.tender.TenderStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds Open Contracting Data Standard 1.1 releases: one contracting process per tender (a unit's tender,
 * and its contract once signed), {@code ocid} = {@code <prefix>-<tenderId>}, and one per funded project's
 * contract (the call for proposals as its tender, the funding decision as its award), {@code ocid} =
 * {@code <prefix>-<contract number>}; the latter is built from the contract and the round policy alone (this
 * module does not reach into the call and application stages). Each release is a snapshot of
 * the process as it stands now; its {@code id} carries the time of the latest change and a digest of the
 * content, so it changes whenever the published data does.
 *
 * <p>Sealed bids stay sealed (as {@code GET /api/tenders/{unit}/bids}): before the bid deadline only the
 * number of bids is published, never the bidders or amounts. After it, the tenderers are named (bids are
 * opened in public); the only amount published is the winning bid, as the award's value.
 */
@Component
class OcdsReleases {

    static final String VERSION = "1.1";
    static final String CURRENCY = "CNY";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private final TenderService tenders;
    private final ContractService contracts;
    private final RegistryService registry;
    private final DocumentService documents;
    private final ObjectMapper objectMapper;
    private final String ocidPrefix;
    private final String publisherName;
    private final String identifierScheme;

    OcdsReleases(TenderService tenders, ContractService contracts, RegistryService registry, DocumentService documents,
                 ObjectMapper objectMapper,
                 @Value("${civicflow.ocds.ocid-prefix:ocds-civicflow}") String ocidPrefix,
                 @Value("${civicflow.ocds.publisher-name:CivicFlow}") String publisherName,
                 @Value("${civicflow.ocds.identifier-scheme:CN-SAMR}") String identifierScheme) {
        if (ocidPrefix == null || !ocidPrefix.matches("[A-Za-z0-9]+(-[A-Za-z0-9]+)*")) {
            throw new IllegalStateException("civicflow.ocds.ocid-prefix must be letters, digits and single hyphens, "
                    + "e.g. ocds-213czf (the prefix registered with the Open Contracting Partnership): " + ocidPrefix);
        }
        this.tenders = tenders;
        this.contracts = contracts;
        this.registry = registry;
        this.documents = documents;
        this.objectMapper = objectMapper;
        this.ocidPrefix = ocidPrefix;
        this.publisherName = publisherName;
        this.identifierScheme = identifierScheme;
    }

    String ocid(Tender tender) {
        return ocidPrefix + "-" + tender.getTenderId();
    }

    String ocid(ServiceContract fundedProject) {
        return ocidPrefix + "-" + fundedProject.getContractNumber();
    }

    /** A release package of every contracting process: each tender, then each funded project's contract. */
    ObjectNode all(String uri, String baseUrl) {
        Instant now = ShanghaiTime.now();
        List<ObjectNode> releases = new ArrayList<>();
        tenders.all().forEach(t -> releases.add(release(t, now, baseUrl)));
        contracts.contractsOfKind(ContractKind.FUNDED_PROJECT).forEach(c -> releases.add(release(c, now, baseUrl)));
        return releasePackage(uri, now, releases);
    }

    /**
     * A release package of one contracting process, if the ocid is ours and names a tender or a funded
     * project's contract.
     */
    Optional<ObjectNode> one(String ocid, String uri, String baseUrl) {
        if (ocid == null || !ocid.startsWith(ocidPrefix + "-")) {
            return Optional.empty();
        }
        String id = ocid.substring(ocidPrefix.length() + 1);
        Instant now = ShanghaiTime.now();
        Optional<ObjectNode> release = tenders.all().stream().filter(t -> t.getTenderId().equals(id)).findFirst()
                .map(t -> release(t, now, baseUrl));
        if (release.isEmpty()) {
            release = contracts.findContract(id).filter(c -> c.getKind() == ContractKind.FUNDED_PROJECT)
                    .map(c -> release(c, now, baseUrl));
        }
        return release.map(r -> releasePackage(uri, now, List.of(r)));
    }

    private ObjectNode releasePackage(String uri, Instant now, List<ObjectNode> releases) {
        ObjectNode pkg = objectMapper.createObjectNode();
        pkg.put("uri", uri);
        pkg.put("version", VERSION);
        pkg.put("publishedDate", time(now));
        pkg.putObject("publisher").put("name", publisherName);
        pkg.putArray("releases").addAll(releases);
        return pkg;
    }

    // --- one release --------------------------------------------------------------------------------

    /** What a release is built from, read once. */
    private record Facts(Tender tender, List<Bid> bids, boolean sealed, Optional<Bid> winner,
                         Optional<ServiceContract> contract, RoundPolicy policy) {
    }

    ObjectNode release(Tender tender, Instant now, String baseUrl) {
        List<Bid> bids = tenders.bids(tender);
        boolean sealed = tender.sealedAt(now);
        Optional<Bid> winner = sealed || tender.getWinningOrg() == null ? Optional.empty()
                : bids.stream().filter(b -> b.getOrganizationCode().equals(tender.getWinningOrg())).findFirst();
        Optional<ServiceContract> contract = tender.getStatus() == TenderStatus.SIGNED
                ? contracts.contractsOf(tender.getWinningOrg()).stream()
                        .filter(c -> c.getContractNumber().equals(tender.contractNumber())).findFirst()
                : Optional.empty();
        Facts facts = new Facts(tender, bids, sealed, winner, contract, registry.policy(tender.getPolicyCode()));
        Parties parties = new Parties();
        List<Instant> changes = new ArrayList<>();

        ObjectNode release = newRelease(ocid(tender));
        ObjectNode buyer = parties.buyer(tender.getDistrict());
        release.set("buyer", reference(buyer));
        release.set("planning", planning(facts));
        release.set("tender", tender(facts, parties, baseUrl, changes));
        boolean awarded = winner.isPresent() && tender.getAwardNoticeAt() != null;
        if (awarded) {
            release.putArray("awards").add(award(facts, parties, baseUrl, changes));
        }
        if (awarded && tender.getStatus() == TenderStatus.SIGNED) {
            release.putArray("contracts").add(contract(facts, parties, buyer, baseUrl, changes));
        }
        return finish(release, tags(facts, awarded, release), parties, changes, tender.getCreatedAt(), now);
    }

    /**
     * A funded 房山 project's contracting process: the call for proposals (项目征集) as its tender, the funding
     * decision as its award (the granted amount, when the contract was registered), and the contract as it runs.
     */
    ObjectNode release(ServiceContract project, Instant now, String baseUrl) {
        RoundPolicy policy = registry.policy(project.getPolicyCode());
        Parties parties = new Parties();
        List<Instant> changes = new ArrayList<>();

        ObjectNode release = newRelease(ocid(project));
        ObjectNode buyer = parties.buyer(policy.getDistrict());
        release.set("buyer", reference(buyer));
        release.set("tender", call(project, policy, parties, changes));
        release.putArray("awards").add(grant(project, parties, changes));
        ObjectNode contract = release.putArray("contracts").addObject();
        contract.put("id", project.getContractNumber());
        contract.put("awardID", grantId(project));
        administered(contract, project, parties, buyer, baseUrl, changes);
        return finish(release, contractTags(Optional.of(project), release), parties, changes, project.getCreatedAt(), now);
    }

    /** The fields every release opens with, in the order published; {@link #finish} fills in tag, id and date. */
    private ObjectNode newRelease(String ocid) {
        ObjectNode release = objectMapper.createObjectNode();
        release.put("ocid", ocid);
        release.put("id", "");
        release.put("date", "");
        release.putArray("tag");
        release.put("initiationType", "tender");
        release.put("language", "zh");
        release.putArray("parties");
        return release;
    }

    /**
     * The tags and parties, then the release's date (the latest change up to now, else when the process began)
     * and its id ({@code <ocid>-<date>-<digest of the content>}).
     */
    private ObjectNode finish(ObjectNode release, List<String> tags, Parties parties, List<Instant> changes,
                              Instant began, Instant now) {
        ArrayNode tag = (ArrayNode) release.get("tag");
        tags.forEach(tag::add);
        ArrayNode partyArray = (ArrayNode) release.get("parties");
        parties.all().forEach(partyArray::add);

        changes.add(began);
        Instant date = changes.stream().filter(Objects::nonNull).filter(i -> !i.isAfter(now)).max(Instant::compareTo)
                .orElse(began);
        release.put("date", time(date));
        String ocid = release.path("ocid").asText();
        release.put("id", ocid + "-" + ID_TIME.format(date.atZone(ShanghaiTime.ZONE)) + "-" + digest(release));
        return release;
    }

    /** releaseTag: the stage the process has reached. */
    private static List<String> tags(Facts facts, boolean awarded, ObjectNode release) {
        Tender tender = facts.tender();
        if (tender.getStatus() == TenderStatus.FAILED) {
            return awarded ? List.of("tenderCancellation", "awardCancellation") : List.of("tenderCancellation");
        }
        if (tender.getStatus() == TenderStatus.SIGNED) {
            return contractTags(facts.contract(), release);
        }
        return List.of(awarded ? "award" : "tender");
    }

    /** releaseTag once there is a contract: {@code contract}, {@code implementation}, {@code contractTermination}. */
    private static List<String> contractTags(Optional<ServiceContract> contract, ObjectNode release) {
        if (contract.isPresent() && contract.get().getStatus() != ContractStatus.ACTIVE) {
            return List.of("contractTermination");
        }
        JsonNode implementation = release.path("contracts").path(0).path("implementation");
        // scheduled milestones are the contract's terms; implementation starts when one is met (or missed)
        boolean implemented = implementation.path("transactions").size() > 0
                || implementation.path("milestones").findValuesAsText("status").stream().anyMatch(s -> !"scheduled".equals(s));
        return List.of(implemented ? "implementation" : "contract");
    }

    private ObjectNode planning(Facts facts) {
        Tender tender = facts.tender();
        ObjectNode planning = objectMapper.createObjectNode();
        planning.put("rationale", facts.policy().getTitle());
        ObjectNode budget = planning.putObject("budget");
        budget.put("id", tender.getPolicyCode() + "-" + tender.getUnitCode());
        budget.put("description", "SZ-13：年度预算" + plain(tender.getAnnualBudget()) + "元 × " + tender.getServiceYears()
                + "年");
        budget.set("amount", value(tender.totalBudget()));
        budget.put("project", facts.policy().getTitle());
        return planning;
    }

    private ObjectNode tender(Facts facts, Parties parties, String baseUrl, List<Instant> changes) {
        Tender tender = facts.tender();
        ObjectNode node = objectMapper.createObjectNode();
        node.put("id", tender.getTenderId());
        node.put("title", title(tender));
        node.put("description", facts.policy().getTitle() + "：" + tender.getUnitName()
                + (tender.getCommunities().isEmpty() ? "" : "，服务社区（村）" + String.join("、", tender.getCommunities())));
        node.put("status", tenderStatus(tender));
        node.set("procuringEntity", reference(parties.buyer(tender.getDistrict())));
        node.set("value", value(tender.totalBudget()));
        node.put("procurementMethod", "open");
        node.put("procurementMethodDetails", "公开招标");
        node.put("mainProcurementCategory", "services");
        ObjectNode tenderPeriod = node.putObject("tenderPeriod");
        tenderPeriod.put("startDate", time(tender.getTenderIssuedAt()));
        tenderPeriod.put("endDate", time(tender.getBidDeadline()));
        node.set("contractPeriod", period(tender.getServiceStart(),
                tender.getServiceStart().plusYears(tender.getServiceYears()).minusDays(1)));
        node.put("eligibilityCriteria", eligibility(tender, facts.policy()));
        node.put("numberOfTenderers", facts.bids().size());
        if (!facts.sealed()) {
            ArrayNode tenderers = node.putArray("tenderers");
            for (Bid bid : facts.bids()) {
                tenderers.add(reference(parties.organization(bid.getOrganizationCode(), "tenderer")));
            }
            changes.add(tender.getBidDeadline());
        }
        facts.bids().forEach(b -> changes.add(b.getSubmittedAt()));
        ArrayNode docs = documents(tender.getProcessInstanceId(), baseUrl, changes,
                Map.of("TENDER_NOTICE", "tenderNotice", "TENDER_FAILED_NOTICE", "cancellationDetails"));
        if (!docs.isEmpty()) {
            node.set("documents", docs);
        }
        return node;
    }

    private static String title(Tender tender) {
        return tender.getKind() == TenderKind.SERVICE_UNIT ? tender.getUnitName() + "社区服务社会化项目" : tender.getUnitName();
    }

    /** tenderStatus: a start that broke a rule was cancelled; a tender without a signed winner was unsuccessful. */
    private static String tenderStatus(Tender tender) {
        return switch (tender.getStatus()) {
            case OPEN, EVALUATING -> "active";
            case AWARDED, SIGNED -> "complete";
            case FAILED -> tender.getViolations().isEmpty() ? "unsuccessful" : "cancelled";
        };
    }

    /** The bidder qualification the tender notice states (SZ-01 … SZ-04, or SZ-14 and SZ-04 for the evaluator). */
    private static String eligibility(Tender tender, RoundPolicy policy) {
        List<String> lines = new ArrayList<>();
        if (tender.getKind() == TenderKind.EVALUATOR) {
            lines.add("SZ-14 在县级及以上民政部门登记的社会团体或民办非企业单位，业务范围涵盖社会服务项目监管、评估；具有"
                    + policy.intThreshold("minEvaluatorPracticeYears") + "年以上监管评估实务经验；执行团队至少"
                    + policy.intThreshold("minEvaluatorTeam") + "名全职员工（其中至少2名专业社工，负责人具有"
                    + policy.intThreshold("minEvaluatorPracticeYears") + "年以上经验）；专家团队不少于"
                    + policy.intThreshold("minEvaluatorExperts") + "名。");
        } else {
            lines.add("SZ-01 在县级及以上民政部门正式登记的民办非企业单位，业务范围有明确的社会工作服务内容。");
            lines.add("SZ-02 理事会成员中至少有" + policy.intThreshold("minBoardSocialWorkers") + "名社会工作师或"
                    + policy.intThreshold("minBoardAssistantSocialWorkers") + "名助理社会工作师。");
            lines.add("SZ-03 不少于" + policy.intThreshold("minFullTimeStaff") + "名全职员工（签订"
                    + policy.intThreshold("minContractMonths") + "个月以上劳动合同并缴纳社保），其中专业社工不少于"
                    + policy.intThreshold("minProfessionalSocialWorkers") + "名。");
        }
        lines.add("SZ-04 无不良诚信记录（如政府采购不良记录）。");
        return String.join("\n", lines);
    }

    private ObjectNode award(Facts facts, Parties parties, String baseUrl, List<Instant> changes) {
        Tender tender = facts.tender();
        Bid winner = facts.winner().orElseThrow();
        ObjectNode award = objectMapper.createObjectNode();
        award.put("id", awardId(tender));
        award.put("title", title(tender) + "中标");
        award.put("status", tender.getStatus() == TenderStatus.FAILED ? "cancelled" : "active");
        award.put("date", time(tender.getAwardNoticeAt()));
        changes.add(tender.getAwardNoticeAt());
        award.set("value", value(winner.getAmount()));
        award.putArray("suppliers").add(reference(parties.organization(winner.getOrganizationCode(), "supplier")));
        award.set("contractPeriod", period(tender.getServiceStart(),
                tender.getServiceStart().plusYears(tender.getServiceYears()).minusDays(1)));
        ArrayNode docs = documents(tender.getProcessInstanceId(), baseUrl, changes, Map.of("AWARD_NOTICE", "awardNotice"));
        if (!docs.isEmpty()) {
            award.set("documents", docs);
        }
        return award;
    }

    private static String awardId(Tender tender) {
        return tender.getTenderId() + "-award";
    }

    // --- a funded project: the call for proposals and the funding decision ----------------------------

    /**
     * The call the project was funded under, as the process's tender: the round policy's title, dates and the
     * eligibility rules applications were checked against (FS-02 … FS-10); complete once the project is funded.
     */
    private ObjectNode call(ServiceContract project, RoundPolicy policy, Parties parties, List<Instant> changes) {
        ObjectNode node = objectMapper.createObjectNode();
        node.put("id", project.getSourceRef());
        node.put("title", policy.getTitle());
        node.put("description", policy.getTitle() + "：" + project.getTitle()
                + (project.getCatalogCode() == null ? "" : "（项目指引 " + project.getCatalogCode() + "）"));
        node.put("status", "complete");
        node.set("procuringEntity", reference(parties.buyer(policy.getDistrict())));
        node.put("procurementMethod", "open");
        node.put("procurementMethodDetails", "项目征集（申报、资格审查、专家评审、立项）");
        node.put("mainProcurementCategory", "services");
        if (policy.getOpensAt() != null || policy.getSubmissionDeadline() != null) {
            ObjectNode tenderPeriod = node.putObject("tenderPeriod");
            if (policy.getOpensAt() != null) {
                tenderPeriod.put("startDate", time(policy.getOpensAt()));
            }
            if (policy.getSubmissionDeadline() != null) {
                tenderPeriod.put("endDate", time(policy.getSubmissionDeadline()));
                changes.add(policy.getSubmissionDeadline());
            }
        }
        node.put("eligibilityCriteria", callEligibility(policy));
        return node;
    }

    /** The applicant and project requirements of a call (FS-02 … FS-10), in brief, with the round's thresholds. */
    private static String callEligibility(RoundPolicy policy) {
        return String.join("\n", List.of(
                "FS-02 在民政部门依法登记、具有独立法人资格、年检合格的社会组织。",
                "FS-03 近" + threshold(policy, "penaltyLookbackMonths", "24") + "个月内未受过行政处罚，未处于被调查中。",
                "FS-04 项目负责人持有社会工作职业水平证书。",
                "FS-05 持证社会工作者为项目执行团队的主体。",
                "FS-06 近" + threshold(policy, "outcomeLookbackYears", "1") + "年完成的政府购买服务项目结项评审合格。",
                "FS-07 每个组织每次征集最多申报" + threshold(policy, "maxApplicationsPerOrg", "2")
                        + "个项目；联合申报须经民政局同意。",
                "FS-08 预算不含人员涨薪和申报单位自身办公条件改善支出。",
                "FS-09 已获区财政或部门预算资助的项目不得申报，其他资金来源须如实申报。",
                "FS-10 申报项目须对应项目指引中的项目，明确服务对象和最低受益人数。"));
    }

    private static String threshold(RoundPolicy policy, String name, String otherwise) {
        return policy.getThresholds().containsKey(name) ? plain(policy.threshold(name)) : otherwise;
    }

    /** The funding decision (立项) as the award: the granted amount, decided when the contract was registered. */
    private ObjectNode grant(ServiceContract project, Parties parties, List<Instant> changes) {
        ObjectNode award = objectMapper.createObjectNode();
        award.put("id", grantId(project));
        award.put("title", project.getTitle() + "立项");
        award.put("status", "active");
        award.put("date", time(project.getCreatedAt()));
        changes.add(project.getCreatedAt());
        award.set("value", value(project.getOriginalAmount()));
        award.putArray("suppliers").add(reference(parties.organization(project.getOrganizationCode(), "supplier")));
        award.set("contractPeriod", period(project.getServiceStart(), project.getServiceEnd()));
        return award;
    }

    private static String grantId(ServiceContract project) {
        return project.getSourceRef() + "-award";
    }

    private ObjectNode contract(Facts facts, Parties parties, ObjectNode buyer, String baseUrl, List<Instant> changes) {
        Tender tender = facts.tender();
        Bid winner = facts.winner().orElseThrow();
        ObjectNode node = objectMapper.createObjectNode();
        node.put("id", tender.contractNumber());
        node.put("awardID", awardId(tender));
        changes.add(tender.getSignedAt());
        if (tender.getSignedAt() != null) {
            node.put("dateSigned", time(tender.getSignedAt()));
        }
        Optional<ServiceContract> found = facts.contract();
        if (found.isEmpty()) {
            // the evaluator's contract is signed, not administered as a serviceContract
            node.put("title", title(tender));
            node.put("status", "active");
            node.set("period", period(tender.getServiceStart(),
                    tender.getServiceStart().plusYears(tender.getServiceYears()).minusDays(1)));
            node.set("value", value(winner.getAmount()));
            return node;
        }
        return administered(node, found.get(), parties, buyer, baseUrl, changes);
    }

    /**
     * What a contract administered as a serviceContract publishes, whichever way it was awarded: title, status,
     * period, current value, SZ-06 amendments, and its implementation (milestones, the payment, the 结项评估报告).
     */
    private ObjectNode administered(ObjectNode node, ServiceContract contract, Parties parties, ObjectNode buyer,
                                    String baseUrl, List<Instant> changes) {
        node.put("title", contract.getTitle());
        node.put("status", contract.getStatus() == ContractStatus.ACTIVE ? "active" : "terminated");
        node.set("period", period(contract.getServiceStart(), contract.getServiceEnd()));
        node.set("value", value(contract.getCurrentAmount()));
        changes.add(contract.getCreatedAt());
        changes.add(contract.getTeamFormedAt());
        changes.add(contract.getAgreementConfirmedAt());

        ArrayNode amendments = objectMapper.createArrayNode();
        for (ContractPenalty penalty : contracts.penalties(contract.getContractNumber())) {
            changes.add(penalty.getRecordedAt());
            if (penalty.getKind() == ContractPenalty.Kind.DEDUCTION) {
                continue;
            }
            ObjectNode amendment = amendments.addObject();
            amendment.put("id", contract.getContractNumber() + "-penalty-" + penalty.getId());
            amendment.put("date", time(penalty.getRecordedAt()));
            amendment.put("rationale", penalty.getRuleId() + "：服务团队逾期" + penalty.getDaysLate() + "日"
                    + (penalty.getKind() == ContractPenalty.Kind.REDUCTION
                            ? "，扣减合同金额" + plain(penalty.getAmount()) + "元" : "，合同解除"));
        }
        if (!amendments.isEmpty()) {
            node.set("amendments", amendments);
        }

        ObjectNode implementation = objectMapper.createObjectNode();
        ArrayNode milestones = implementation.putArray("milestones");
        Instant now = ShanghaiTime.now();
        for (QuarterlyReport report : contracts.reports(contract.getContractNumber())) {
            milestones.add(reportMilestone(contract, report, now));
            changes.add(report.getSubmittedAt());
            changes.add(report.getEscalatedAt());
        }
        for (AnnualAssessment assessment : contracts.assessments(contract.getContractNumber())) {
            milestones.add(assessmentMilestone(assessment));
            changes.add(assessment.getAssessedAt());
        }
        Optional.ofNullable(acceptanceMilestone(contract, now)).ifPresent(milestones::add);
        changes.add(contract.getAcceptedAt());
        if (contract.getPaymentAmount() != null) {
            ObjectNode payment = implementation.putArray("transactions").addObject();
            payment.put("id", contract.getContractNumber() + "-payment");
            if (contract.getAcceptedAt() != null) {
                payment.put("date", time(contract.getAcceptedAt()));
            }
            payment.set("value", value(contract.getPaymentAmount()));
            payment.set("payer", reference(parties.add(buyer, "payer")));
            payment.set("payee", reference(parties.organization(contract.getOrganizationCode(), "payee")));
        }
        ArrayNode docs = documents(contract.getProcessInstanceId(), baseUrl, changes,
                Map.of("ACCEPTANCE_REPORT", "completionCertificate"));
        if (!docs.isEmpty()) {
            implementation.set("documents", docs);
        }
        if (milestones.isEmpty()) {
            implementation.remove("milestones");
        }
        if (!implementation.isEmpty()) {
            node.set("implementation", implementation);
        }
        return node;
    }

    /**
     * SZ-07 (a 苏州 unit) or FS-11 (a funded 房山 project): a reporting milestone per reporting period opened so
     * far. Past its due date without a report it is {@code notMet} (from the escalation, or the due date); a
     * report submitted late still meets it, and says it was late.
     */
    private ObjectNode reportMilestone(ServiceContract contract, QuarterlyReport report, Instant now) {
        ObjectNode milestone = objectMapper.createObjectNode();
        milestone.put("id", "report-" + report.getSequence());
        milestone.put("title", "第" + report.getSequence() + "期进展报告（" + report.getPeriodStart() + "至"
                + report.getPeriodEnd() + "）");
        milestone.put("type", "reporting");
        String rule = contract.getKind() == ContractKind.FUNDED_PROJECT ? "FS-11：按季度向区民政局报告项目进展"
                : "SZ-07：每季度向区和街道报告项目进展";
        milestone.put("description", rule);
        milestone.put("dueDate", time(report.getDueAt()));
        if (report.getStatus() == QuarterlyReport.Status.SUBMITTED) {
            milestone.put("status", "met");
            milestone.put("dateMet", time(report.getSubmittedAt()));
            if (report.isLate()) {
                milestone.put("description", rule + "；逾期提交" + (report.getEscalatedAt() != null ? "（已督办）" : ""));
            }
        } else if (report.getEscalatedAt() != null || now.isAfter(report.getDueAt())) {
            milestone.put("status", "notMet");
            milestone.put("dateModified", time(report.getEscalatedAt() != null ? report.getEscalatedAt() : report.getDueAt()));
        } else {
            milestone.put("status", "scheduled");
        }
        return milestone;
    }

    /** SZ-09: the street's and each community's yearly assessment. */
    private ObjectNode assessmentMilestone(AnnualAssessment assessment) {
        ObjectNode milestone = objectMapper.createObjectNode();
        milestone.put("id", "assessment-" + assessment.getContractYear() + "-" + assessment.getAssessorGroup());
        milestone.put("title", "第" + assessment.getContractYear() + "年度" + ("street".equals(assessment.getAssessorGroup())
                ? "街道" : "社区") + "考核");
        milestone.put("type", "assessment");
        milestone.put("description", "SZ-09：进度" + assessment.getProgressScore() + "分，成效" + assessment.getEffectScore()
                + "分，满意度" + assessment.getSatisfactionScore() + "分");
        milestone.put("status", "met");
        milestone.put("dateMet", time(assessment.getAssessedAt()));
        return milestone;
    }

    /** Final acceptance (结项验收): due at the end of service; met or not met once the evaluator has reviewed. */
    private ObjectNode acceptanceMilestone(ServiceContract contract, Instant now) {
        if (contract.getAcceptancePassed() == null && contract.getStatus() == ContractStatus.TERMINATED) {
            return null;
        }
        ObjectNode milestone = objectMapper.createObjectNode();
        milestone.put("id", "acceptance");
        milestone.put("title", "结项验收");
        milestone.put("type", "approval");
        milestone.put("dueDate", time(contract.getServiceEnd().plusDays(1).atStartOfDay(ShanghaiTime.ZONE).toInstant()));
        if (contract.getAcceptancePassed() == null) {
            milestone.put("status", "scheduled");
        } else if (contract.getAcceptancePassed()) {
            milestone.put("status", "met");
            milestone.put("dateMet", time(contract.getAcceptedAt()));
            milestone.put("description", "结项评估合格" + score(contract) + indicators(contract));
        } else {
            milestone.put("status", "notMet");
            milestone.put("dateModified", time(contract.getAcceptedAt()));
            milestone.put("description", "结项评估不合格" + score(contract) + indicators(contract)
                    + (contract.getCompletionShortfalls().isEmpty() ? "" : "，未达标：" + contract.getCompletionShortfalls()));
        }
        return milestone;
    }

    private static String score(ServiceContract contract) {
        return contract.getFinalScore() == null ? "" : "（" + contract.getFinalScore().toPlainString() + "分）";
    }

    /** FS-11: a funded project is accepted against its catalog item's evaluation indicators. */
    private static String indicators(ServiceContract contract) {
        if (contract.getKind() != ContractKind.FUNDED_PROJECT || contract.getCatalogCode() == null) {
            return "";
        }
        return "，FS-11：按项目指引" + contract.getCatalogCode() + "的项目评估指标（" + contract.indicatorList().size() + "项）评估";
    }

    /** Archived notices of a process instance, of the given kinds, linked as {@code /api/documents/{id}}. */
    private ArrayNode documents(String processInstanceId, String baseUrl, List<Instant> changes, Map<String, String> types) {
        ArrayNode out = objectMapper.createArrayNode();
        if (processInstanceId == null) {
            return out;
        }
        for (ArchivedDocument document : documents.ofProcessInstance(processInstanceId)) {
            String type = types.get(document.getKind());
            if (type == null) {
                continue;
            }
            ObjectNode node = out.addObject();
            node.put("id", document.getId());
            node.put("documentType", type);
            node.put("title", document.getTitle());
            node.put("url", baseUrl + "/api/documents/" + document.getId());
            node.put("datePublished", time(document.getCreatedAt()));
            node.put("format", "text/html");
            node.put("language", "zh");
            changes.add(document.getCreatedAt());
        }
        return out;
    }

    // --- parties ------------------------------------------------------------------------------------

    /** The release's parties, each once with all its roles. */
    private final class Parties {
        private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
        private final Map<String, Set<String>> roles = new LinkedHashMap<>();

        /** The district's civil-affairs bureau (民政局), which buys the services and pays for them. */
        ObjectNode buyer(String district) {
            String name = district.endsWith("民政局") ? district : district + "民政局";
            ObjectNode party = byId.computeIfAbsent("buyer-" + district, id -> {
                ObjectNode node = objectMapper.createObjectNode();
                node.put("id", id);
                node.put("name", name);
                return node;
            });
            add(party, "buyer");
            return add(party, "procuringEntity");
        }

        /** An organization by its 统一社会信用代码, named as in the registry. */
        ObjectNode organization(String code, String role) {
            ObjectNode party = byId.computeIfAbsent(identifierScheme + "-" + code, id -> {
                String name = registry.findOrganization(code).map(Organization::getName).orElse(code);
                ObjectNode node = objectMapper.createObjectNode();
                node.put("id", id);
                node.put("name", name);
                ObjectNode identifier = node.putObject("identifier");
                identifier.put("scheme", identifierScheme);
                identifier.put("id", code);
                identifier.put("legalName", name);
                return node;
            });
            return add(party, role);
        }

        ObjectNode add(ObjectNode party, String role) {
            roles.computeIfAbsent(party.path("id").asText(), id -> new LinkedHashSet<>()).add(role);
            return party;
        }

        Stream<ObjectNode> all() {
            return byId.values().stream().map(party -> {
                ObjectNode copy = party.deepCopy();
                ArrayNode list = copy.putArray("roles");
                roles.getOrDefault(party.path("id").asText(), Set.of()).forEach(list::add);
                return copy;
            });
        }
    }

    private ObjectNode reference(ObjectNode party) {
        ObjectNode reference = objectMapper.createObjectNode();
        reference.put("id", party.path("id").asText());
        reference.put("name", party.path("name").asText());
        return reference;
    }

    // --- values -------------------------------------------------------------------------------------

    private ObjectNode value(BigDecimal amount) {
        ObjectNode value = objectMapper.createObjectNode();
        value.put("amount", amount);
        value.put("currency", CURRENCY);
        return value;
    }

    /** A service period: from the first day's start to the last day's end, Beijing time. */
    private ObjectNode period(LocalDate first, LocalDate last) {
        ObjectNode period = objectMapper.createObjectNode();
        period.put("startDate", time(first.atStartOfDay(ShanghaiTime.ZONE).toInstant()));
        period.put("endDate", time(last.atTime(23, 59, 59).atZone(ShanghaiTime.ZONE).toInstant()));
        return period;
    }

    /** RFC 3339 date-time with the +08:00 offset, to the second. */
    static String time(Instant instant) {
        return DATE_TIME.format(instant.atZone(ShanghaiTime.ZONE));
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    /** The first 8 hex digits of the SHA-256 of the release as published (its id left blank). */
    private String digest(ObjectNode release) {
        try {
            byte[] bytes = objectMapper.writeValueAsString(release).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest an OCDS release", e);
        }
    }
}
