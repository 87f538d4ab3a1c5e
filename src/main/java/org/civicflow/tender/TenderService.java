package org.civicflow.tender;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.RoundKind;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.registry.UnifiedSocialCreditCode;
import org.civicflow.system.Groups;
import org.civicflow.system.NotFoundException;
import org.civicflow.system.ProcessInput;
import org.civicflow.system.ShanghaiTime;
import org.civicflow.system.UnitGroups;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenders: opening (LAW-02, SZ-12), sealed bids, qualification, committee (LAW-03), award, signature (LAW-01, LAW-05). */
@Service
@Transactional
public class TenderService {

    static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

    private final TenderRepository tenders;
    private final BidRepository bids;
    private final BidderQualification qualification;
    private final RegistryService registry;
    private final IdentityService identityService;
    private final UnitGroups unitGroups;

    TenderService(TenderRepository tenders, BidRepository bids, BidderQualification qualification,
                  RegistryService registry, IdentityService identityService, UnitGroups unitGroups) {
        this.tenders = tenders;
        this.unitGroups = unitGroups;
        this.bids = bids;
        this.qualification = qualification;
        this.registry = registry;
        this.identityService = identityService;
    }

    /**
     * Reads a tender's start variables (defaults from its round policy, SZ-2018 unless given) and records
     * it; a start whose own data breaks LAW-02 or SZ-12 is recorded as failed with those rules. Malformed
     * input is refused naming every field, and nothing is written.
     */
    public Tender open(Map<String, Object> variables, String processInstanceId) {
        ProcessInput input = ProcessInput.of(variables);
        // 50: its groups (community-{unitCode}) must fit Camunda's 64-character group ids
        String unitCode = input.requiredText("unitCode", 50);
        if (unitCode != null && !unitCode.matches("[A-Za-z0-9-]+")) {
            input.reject("unitCode", "只能包含字母、数字和连字符");
        }
        if (unitCode != null && current(unitCode).filter(t -> t.getStatus() != TenderStatus.FAILED
                && t.getStatus() != TenderStatus.SIGNED).isPresent()) {
            input.reject("unitCode", "采购单元 " + unitCode + " 已有进行中的招标");
        }
        String unitName = input.requiredText("unitName", 200);
        String policyCode = Optional.ofNullable(input.optionalText("policyCode", 32)).orElse(RoundPolicy.SUZHOU_2018);
        RoundPolicy policy = registry.findPolicy(policyCode).orElse(null);
        if (policy == null || policy.getKind() != RoundKind.PILOT_TENDER) {
            input.reject("policyCode", "未找到招投标类轮次政策 " + policyCode);
            input.validate();
        }
        TenderKind kind = TenderKind.SERVICE_UNIT;
        String kindText = input.optionalText("tenderKind", 16);
        if (kindText != null) {
            try {
                kind = TenderKind.valueOf(kindText);
            } catch (IllegalArgumentException e) {
                input.reject("tenderKind", "取值必须是 SERVICE_UNIT 或 EVALUATOR");
            }
        }
        BigDecimal annualBudget = variables.get("annualBudget") == null ? policy.threshold("annualBudgetPerUnit")
                : input.requiredAmount("annualBudget", MAX_BUDGET);
        int serviceYears = Optional.ofNullable(input.optionalInt("serviceYears", 1, 10, null))
                .orElse(policy.intThreshold("serviceYears"));
        LocalDate serviceStart = date(input, variables, "serviceStart", policy.getServiceStart());
        Instant teamDeadline = Optional.ofNullable(input.optionalDeadline("teamFormationDeadline"))
                .orElse(policy.getTeamFormationDeadline());
        Instant issuedAt = Optional.ofNullable(input.optionalDeadline("tenderIssuedAt")).orElse(ShanghaiTime.now());
        Instant bidDeadline = input.optionalDeadline("bidDeadline");
        if (bidDeadline == null && !input.hasViolation("bidDeadline")) {
            input.reject("bidDeadline", "必填");
        }
        List<String> communities = input.list("communities", 2000);
        String district = Optional.ofNullable(input.optionalText("district", 100)).orElse(policy.getDistrict());
        input.validate();

        TenderData data = new TenderData(unitCode, unitName, district, policyCode, kind, annualBudget, serviceYears,
                serviceStart, teamDeadline, issuedAt, bidDeadline, communities);
        List<Tender.Violation> violations = new ArrayList<>();
        law02TenderPeriod(data, policy, violations);
        if (kind == TenderKind.SERVICE_UNIT) {
            sz12Communities(data, policy, violations);
        }
        int attempt = current(unitCode).map(t -> t.getAttempt() + 1).orElse(1);
        if (kind == TenderKind.SERVICE_UNIT) {
            // the street that buys and the communities served: their staff see this unit's work only
            unitGroups.ensure(unitCode, unitName);
        }
        return tenders.save(new Tender(attempt, data, violations, processInstanceId, ShanghaiTime.now()));
    }

    /** LAW-02: at least 20 days (policy) from issuing the tender documents to the bid deadline. */
    private static void law02TenderPeriod(TenderData data, RoundPolicy policy, List<Tender.Violation> out) {
        int minDays = policy.intThreshold("minTenderDays");
        Duration period = Duration.between(data.tenderIssuedAt(), data.bidDeadline());
        if (period.compareTo(Duration.ofDays(minDays)) < 0) {
            out.add(new Tender.Violation("LAW-02", "招标文件发出（" + ShanghaiTime.chinese(data.tenderIssuedAt())
                    + "）至投标截止（" + ShanghaiTime.chinese(data.bidDeadline()) + "）不足" + minDays + "日"));
        }
    }

    /** SZ-12: each street's project covers at least 4 communities (policy). */
    private static void sz12Communities(TenderData data, RoundPolicy policy, List<Tender.Violation> out) {
        int min = policy.intThreshold("minCommunities");
        Set<String> distinct = new LinkedHashSet<>(data.communities());
        if (distinct.size() < min) {
            out.add(new Tender.Violation("SZ-12", "项目覆盖" + distinct.size() + "个社区（村），不足" + min + "个"));
        }
    }

    private static LocalDate date(ProcessInput input, Map<String, Object> variables, String name, LocalDate fallback) {
        Object value = variables.get(name);
        if (value == null || "".equals(value)) {
            return fallback;
        }
        try {
            return LocalDate.parse(String.valueOf(value).strip());
        } catch (DateTimeParseException e) {
            return input.reject(name, "日期格式必须是 YYYY-MM-DD");
        }
    }

    /** A provider's sealed bid; the caller must belong to the bidding organization. */
    public Bid submitBid(String unitCode, String organizationCode, BigDecimal amount, String userId) {
        Tender tender = require(unitCode);
        Bid bid = new Bid(tender.getTenderId(), organizationCode, amount, ShanghaiTime.now(), userId);
        return bids.save(bid);
    }

    /** Whether {@code userId} belongs to the organization's group {@code org-{code}} (facts, not claims). */
    @Transactional(readOnly = true)
    public boolean isMember(String userId, String organizationCode) {
        return identityService.createUserQuery().userId(userId).memberOfGroup(Groups.organization(organizationCode))
                .count() == 1;
    }

    @Transactional(readOnly = true)
    public boolean hasBid(Tender tender, String organizationCode) {
        return bids.existsByTenderIdAndOrganizationCode(tender.getTenderId(), organizationCode);
    }

    @Transactional(readOnly = true)
    public List<Bid> bids(Tender tender) {
        return bids.findByTenderIdOrderBySubmittedAt(tender.getTenderId());
    }

    /** Whether the tender's bid deadline has come by the engine clock (bids may be opened from that instant on). */
    @Transactional(readOnly = true)
    public boolean bidDeadlineReached(String tenderId) {
        return !tender(tenderId).sealedAt(ShanghaiTime.now());
    }

    /**
     * At the bid deadline: checks every bidder's qualification. Refused before the deadline by the engine clock,
     * whoever asks (an early timer execution, an instance modification): the bids then stay sealed.
     *
     * @return how many bids qualified
     */
    public long openBids(String tenderId) {
        Tender tender = tender(tenderId);
        if (tender.sealedAt(ShanghaiTime.now())) {
            throw new IllegalStateException("投标截止时间（" + ShanghaiTime.chinese(tender.getBidDeadline())
                    + "，北京时间）之前不能开标，投标保持密封");
        }
        tender.opened();
        long qualified = 0;
        for (Bid bid : bids(tender)) {
            List<BidViolation> violations = qualification.check(bid.getOrganizationCode(), tender);
            bid.qualification(violations);
            if (violations.isEmpty()) {
                qualified++;
            }
        }
        return qualified;
    }

    /** LAW-03: records the committee — ≥5 members, an odd number, ≥2/3 experts from the expert pool. */
    public void setUpCommittee(String tenderId, Map<String, Object> variables) {
        ProcessInput input = ProcessInput.of(variables);
        List<String> experts = input.list("committeeExperts", 2000);
        List<String> representatives = input.list("committeeRepresentatives", 2000);
        RoundPolicy policy = registry.policy(tender(tenderId).getPolicyCode());
        for (String expert : experts) {
            if (identityService.createUserQuery().userId(expert).memberOfGroup(Groups.EXPERT).count() == 0) {
                input.reject("committeeExperts", "LAW-03：" + expert + " 不是评审专家库成员");
            }
        }
        if (new LinkedHashSet<>(experts).size() != experts.size()) {
            input.reject("committeeExperts", "LAW-03：专家不能重复");
        }
        int total = experts.size() + representatives.size();
        int min = policy.intThreshold("minCommitteeMembers");
        if (total < min) {
            input.reject("committeeExperts", "LAW-03：评标委员会共" + total + "人，不足" + min + "人");
        } else if (total % 2 == 0) {
            input.reject("committeeExperts", "LAW-03：评标委员会共" + total + "人，须为单数");
        } else if (experts.size() * 3 < total * 2) {
            input.reject("committeeExperts", "LAW-03：专家" + experts.size() + "人，不足委员会" + total + "人的三分之二");
        }
        input.validate();
        List<Tender.CommitteeMember> members = new ArrayList<>();
        experts.forEach(e -> members.add(new Tender.CommitteeMember(e, true)));
        representatives.forEach(r -> members.add(new Tender.CommitteeMember(r, false)));
        tender(tenderId).committee(members);
    }

    /**
     * The committee's result: the winner must be a qualified bidder of this tender. The ranking (winner
     * first) is the committee's, or else the qualified bids by amount; LAW-05 offers the next in it.
     */
    public Tender award(String tenderId, Map<String, Object> variables) {
        Tender tender = tender(tenderId);
        requireCommitteeMember(tender);
        ProcessInput input = ProcessInput.of(variables);
        String winner = input.requiredText("winningOrganizationCode", 18);
        String report = input.requiredText("evaluationReport", 4000);
        List<String> ranking = input.list("ranking", 2000);
        List<Bid> all = bids(tender);
        if (winner != null) {
            Optional<Bid> bid = all.stream().filter(b -> b.getOrganizationCode().equals(winner)).findFirst();
            if (UnifiedSocialCreditCode.problem(winner).isPresent()) {
                input.reject("winningOrganizationCode", UnifiedSocialCreditCode.problem(winner).get());
            } else if (bid.isEmpty()) {
                input.reject("winningOrganizationCode", winner + " 未参加本次投标");
            } else if (!Boolean.TRUE.equals(bid.get().getQualified())) {
                input.reject("winningOrganizationCode", winner + " 资格审查不合格（" + String.join("、",
                        bid.get().ruleViolationList()) + "），不能中标");
            }
        }
        for (String code : ranking) {
            if (all.stream().noneMatch(b -> b.getOrganizationCode().equals(code) && Boolean.TRUE.equals(b.getQualified()))) {
                input.reject("ranking", code + " 不是本次合格投标人");
            }
        }
        if (winner != null && !ranking.isEmpty() && !ranking.get(0).equals(winner)) {
            input.reject("ranking", "排名第一的须为中标人");
        }
        input.validate();
        List<String> order = new ArrayList<>(ranking.isEmpty() ? List.of(winner) : ranking);
        all.stream().filter(b -> Boolean.TRUE.equals(b.getQualified()) && !order.contains(b.getOrganizationCode()))
                .sorted(Comparator.comparing(Bid::getAmount).thenComparing(Bid::getSubmittedAt))
                .forEach(b -> order.add(b.getOrganizationCode()));
        for (Bid bid : all) {
            int position = order.indexOf(bid.getOrganizationCode());
            bid.rank(position < 0 ? null : position + 1);
        }
        tender.awarded(winner, report, ShanghaiTime.now());
        return tender;
    }

    /**
     * Only the tender's committee evaluates (LAW-03): a user completing the evaluation must be one of its experts.
     * Without an authenticated user the engine itself or the Java API acts (start-up, tests), which is allowed.
     * Checked before anything about the bids is looked at, so that a refusal tells nothing about them.
     */
    private void requireCommitteeMember(Tender tender) {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            return;
        }
        if (!tender.committeeExperts().contains(authentication.getUserId())) {
            throw new AuthorizationException("只有本次招标的评标委员会成员可以提交评标结果");
        }
    }

    /** LAW-05: the next-ranked qualified bidder after the current winner, if any, becomes the winner. */
    public Optional<String> offerNextRanked(String tenderId) {
        Tender tender = tender(tenderId);
        Bid current = bids(tender).stream().filter(b -> b.getOrganizationCode().equals(tender.getWinningOrg()))
                .findFirst().orElseThrow();
        Optional<Bid> next = bids(tender).stream()
                .filter(b -> b.getRanking() != null && current.getRanking() != null && b.getRanking() > current.getRanking())
                .min(Comparator.comparing(Bid::getRanking));
        next.ifPresent(b -> tender.awarded(b.getOrganizationCode(), null, ShanghaiTime.now()));
        return next.map(Bid::getOrganizationCode);
    }

    public void signed(String tenderId) {
        tender(tenderId).signed(ShanghaiTime.now());
    }

    public void failed(String tenderId) {
        tender(tenderId).failed();
    }

    @Transactional(readOnly = true)
    public Tender tender(String tenderId) {
        return tenders.findById(tenderId).orElseThrow(() -> new NotFoundException("未找到招标 " + tenderId));
    }

    /** Every tender, each unit's attempts in order (the Open Contracting export publishes them all). */
    @Transactional(readOnly = true)
    public List<Tender> all() {
        return tenders.findAll().stream()
                .sorted(Comparator.comparing(Tender::getCreatedAt).thenComparing(Tender::getUnitCode)
                        .thenComparing(Tender::getAttempt))
                .toList();
    }

    /** The unit's latest tender. */
    @Transactional(readOnly = true)
    public Optional<Tender> current(String unitCode) {
        return tenders.findFirstByUnitCodeOrderByAttemptDesc(unitCode);
    }

    @Transactional(readOnly = true)
    public Tender require(String unitCode) {
        return current(unitCode).orElseThrow(() -> new NotFoundException("未找到采购单元 " + unitCode + " 的招标"));
    }
}
