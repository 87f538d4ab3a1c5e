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
 * and its contract once signed), {@code ocid} = {@code <prefix>-<tenderId>}. Each release is a snapshot of
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

    /** A release package of every contracting process. */
    ObjectNode all(String uri, String baseUrl) {
        Instant now = ShanghaiTime.now();
        return releasePackage(uri, now, tenders.all().stream().map(t -> release(t, now, baseUrl)).toList());
    }

    /** A release package of one contracting process, if the ocid is ours and its tender exists. */
    Optional<ObjectNode> one(String ocid, String uri, String baseUrl) {
        if (ocid == null || !ocid.startsWith(ocidPrefix + "-")) {
            return Optional.empty();
        }
        String tenderId = ocid.substring(ocidPrefix.length() + 1);
        Instant now = ShanghaiTime.now();
        return tenders.all().stream().filter(t -> t.getTenderId().equals(tenderId)).findFirst()
                .map(t -> releasePackage(uri, now, List.of(release(t, now, baseUrl))));
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

        ObjectNode release = objectMapper.createObjectNode();
        release.put("ocid", ocid(tender));
        release.put("id", "");
        release.put("date", "");
        ArrayNode tag = release.putArray("tag");
        release.put("initiationType", "tender");
        release.put("language", "zh");
        ArrayNode partyArray = release.putArray("parties");

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
        tags(facts, awarded, release).forEach(tag::add);
        parties.all().forEach(partyArray::add);

        changes.add(tender.getCreatedAt());
        Instant date = changes.stream().filter(Objects::nonNull).filter(i -> !i.isAfter(now)).max(Instant::compareTo)
                .orElse(tender.getCreatedAt());
        release.put("date", time(date));
        release.put("id", ocid(tender) + "-" + ID_TIME.format(date.atZone(ShanghaiTime.ZONE)) + "-" + digest(release));
        return release;
    }

    /** releaseTag: the stage the process has reached. */
    private static List<String> tags(Facts facts, boolean awarded, ObjectNode release) {
        Tender tender = facts.tender();
        if (tender.getStatus() == TenderStatus.FAILED) {
            return awarded ? List.of("tenderCancellation", "awardCancellation") : List.of("tenderCancellation");
        }
        if (tender.getStatus() == TenderStatus.SIGNED) {
            Optional<ServiceContract> contract = facts.contract();
            if (contract.isPresent() && contract.get().getStatus() != ContractStatus.ACTIVE) {
                return List.of("contractTermination");
            }
            JsonNode implementation = release.path("contracts").path(0).path("implementation");
            // scheduled milestones are the contract's terms; implementation starts when one is met (or missed)
            boolean implemented = implementation.path("transactions").size() > 0
                    || implementation.path("milestones").findValuesAsText("status").stream().anyMatch(s -> !"scheduled".equals(s));
            return List.of(implemented ? "implementation" : "contract");
        }
        return List.of(awarded ? "award" : "tender");
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
        ServiceContract contract = found.get();
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
            milestones.add(reportMilestone(report, now));
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

    /** SZ-07: a reporting milestone per reporting period opened so far. */
    private ObjectNode reportMilestone(QuarterlyReport report, Instant now) {
        ObjectNode milestone = objectMapper.createObjectNode();
        milestone.put("id", "report-" + report.getSequence());
        milestone.put("title", "第" + report.getSequence() + "期进展报告（" + report.getPeriodStart() + "至"
                + report.getPeriodEnd() + "）");
        milestone.put("type", "reporting");
        milestone.put("description", "SZ-07：每季度向区和街道报告项目进展");
        milestone.put("dueDate", time(report.getDueAt()));
        if (report.getStatus() == QuarterlyReport.Status.SUBMITTED) {
            milestone.put("status", "met");
            milestone.put("dateMet", time(report.getSubmittedAt()));
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
            milestone.put("description", "结项评估合格" + score(contract));
        } else {
            milestone.put("status", "notMet");
            milestone.put("dateModified", time(contract.getAcceptedAt()));
            milestone.put("description", "结项评估不合格" + score(contract)
                    + (contract.getCompletionShortfalls().isEmpty() ? "" : "，未达标：" + contract.getCompletionShortfalls()));
        }
        return milestone;
    }

    private static String score(ServiceContract contract) {
        return contract.getFinalScore() == null ? "" : "（" + contract.getFinalScore().toPlainString() + "分）";
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
