package org.civicflow.tender;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.Organization;
import org.civicflow.registry.Qualification;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.registry.StaffMember;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Bidder qualification at bid opening, from registry facts only: SZ-01 legal form, registration and
 * business scope; SZ-02 board; SZ-03 full-time staff and professional social workers; SZ-04 integrity
 * record — or, for the evaluator's tender, SZ-14 instead of SZ-01 … SZ-03. Thresholds are the round
 * policy's.
 */
@Component
class BidderQualification {

    private final RegistryService registry;

    BidderQualification(RegistryService registry) {
        this.registry = registry;
    }

    List<BidViolation> check(String organizationCode, Tender tender) {
        RoundPolicy policy = registry.policy(tender.getPolicyCode());
        Optional<Organization> found = registry.findOrganization(organizationCode);
        List<BidViolation> violations = new ArrayList<>();
        if (found.isEmpty()) {
            String rule = tender.getKind() == TenderKind.EVALUATOR ? "SZ-14" : "SZ-01";
            violations.add(new BidViolation(rule, "统一社会信用代码 " + organizationCode + " 未在组织登记库中登记"));
            return violations;
        }
        Organization org = found.get();
        if (tender.getKind() == TenderKind.EVALUATOR) {
            sz14Evaluator(org, policy, violations);
        } else {
            sz01LegalFormAndScope(org, violations);
            sz02Board(org, policy, violations);
            sz03FullTimeStaff(org, policy, violations);
        }
        sz04NoBadRecord(org, violations);
        return violations;
    }

    /** SZ-01: 民办非企业单位 registered with civil affairs at county level or above; scope names social-work services. */
    private void sz01LegalFormAndScope(Organization org, List<BidViolation> out) {
        List<String> facts = new ArrayList<>();
        if (org.getLegalForm() != LegalForm.PRIVATE_NON_ENTERPRISE) {
            facts.add("法人形式为" + org.getLegalForm().label() + "，不是民办非企业单位");
        }
        if (!org.isRegisteredWithCivilAffairs()) {
            facts.add("未在县级以上民政部门登记");
        }
        if (!org.getBusinessScope().contains("社会工作")) {
            facts.add("业务范围“" + org.getBusinessScope() + "”未载明社会工作服务");
        }
        if (!facts.isEmpty()) {
            out.add(new BidViolation("SZ-01", String.join("；", facts)));
        }
    }

    /** SZ-02: the board has ≥1 社会工作师 (or above) or ≥2 助理社会工作师. */
    private void sz02Board(Organization org, RoundPolicy policy, List<BidViolation> out) {
        List<StaffMember> board = org.getStaff().stream().filter(StaffMember::isBoard).toList();
        long socialWorkers = board.stream().filter(s -> s.getQualification() != null
                && s.getQualification().atLeastSocialWorker()).count();
        long assistants = board.stream().filter(s -> s.getQualification() == Qualification.ASSISTANT_SOCIAL_WORKER).count();
        int minSocialWorkers = policy.intThreshold("minBoardSocialWorkers");
        int minAssistants = policy.intThreshold("minBoardAssistantSocialWorkers");
        if (socialWorkers < minSocialWorkers && assistants < minAssistants) {
            out.add(new BidViolation("SZ-02", "理事会" + board.size() + "人中社会工作师" + socialWorkers + "名、助理社会工作师"
                    + assistants + "名，须至少" + minSocialWorkers + "名社会工作师或" + minAssistants + "名助理社会工作师"));
        }
    }

    /** SZ-03: ≥9 full-time employees (≥1-year contract and social insurance), ≥5 of them professional social workers. */
    private void sz03FullTimeStaff(Organization org, RoundPolicy policy, List<BidViolation> out) {
        int minMonths = policy.intThreshold("minContractMonths");
        List<StaffMember> fullTime = org.getStaff().stream()
                .filter(s -> s.isFullTime() && s.getContractMonths() >= minMonths && s.isSocialInsurance()).toList();
        long professionals = fullTime.stream().filter(StaffMember::isProfessionalSocialWorker).count();
        long shortContracts = org.getStaff().stream().filter(s -> s.isFullTime() && s.getContractMonths() < minMonths).count();
        long uninsured = org.getStaff().stream().filter(s -> s.isFullTime() && !s.isSocialInsurance()).count();
        int minFullTime = policy.intThreshold("minFullTimeStaff");
        int minProfessionals = policy.intThreshold("minProfessionalSocialWorkers");
        List<String> facts = new ArrayList<>();
        if (fullTime.size() < minFullTime) {
            String why = (shortContracts > 0 ? "，另有" + shortContracts + "人劳动合同不足" + minMonths + "个月" : "")
                    + (uninsured > 0 ? "，另有" + uninsured + "人未缴纳社保" : "");
            facts.add("全职员工" + fullTime.size() + "名，不足" + minFullTime + "名" + why);
        }
        if (professionals < minProfessionals) {
            facts.add("全职员工中专业社工" + professionals + "名，不足" + minProfessionals + "名");
        }
        if (!facts.isEmpty()) {
            out.add(new BidViolation("SZ-03", String.join("；", facts)));
        }
    }

    /** SZ-04: no bad integrity record, e.g. an earlier 政府采购不良记录. */
    private void sz04NoBadRecord(Organization org, List<BidViolation> out) {
        List<String> facts = org.getCreditRecords().stream()
                .filter(r -> r.getKind() == CreditRecordKind.PROCUREMENT_BAD_RECORD)
                .map(r -> ShanghaiTime.chineseDate(r.getOccurredOn()) + "政府采购不良记录：" + r.getDescription())
                .toList();
        if (!facts.isEmpty()) {
            out.add(new BidViolation("SZ-04", String.join("；", facts)));
        }
    }

    /**
     * SZ-14: a 社会团体 or 民办非企业单位 whose scope covers monitoring/evaluation; ≥3 years of practice; a team of
     * ≥3 full-time staff with ≥2 social workers and a leader with ≥3 years; ≥5 experts.
     */
    private void sz14Evaluator(Organization org, RoundPolicy policy, List<BidViolation> out) {
        int minYears = policy.intThreshold("minEvaluatorPracticeYears");
        int minTeam = policy.intThreshold("minEvaluatorTeam");
        int minExperts = policy.intThreshold("minEvaluatorExperts");
        int minMonths = policy.intThreshold("minContractMonths");
        List<String> facts = new ArrayList<>();
        if (org.getLegalForm() == LegalForm.FOUNDATION) {
            facts.add("法人形式为基金会，须为社会团体或民办非企业单位");
        }
        if (!org.isRegisteredWithCivilAffairs()) {
            facts.add("未在县级以上民政部门登记");
        }
        if (!org.getBusinessScope().contains("评估")) {
            facts.add("业务范围“" + org.getBusinessScope() + "”未涵盖监管、评估");
        }
        int years = org.getEvaluationPracticeYears() == null ? 0 : org.getEvaluationPracticeYears();
        if (years < minYears) {
            facts.add("监管评估实务经验" + years + "年，不足" + minYears + "年");
        }
        List<StaffMember> team = org.getStaff().stream().filter(s -> !s.isExpert())
                .filter(s -> s.isFullTime() && s.getContractMonths() >= minMonths && s.isSocialInsurance()).toList();
        long socialWorkers = team.stream().filter(StaffMember::isProfessionalSocialWorker).count();
        boolean leader = team.stream().anyMatch(s -> s.getExperienceYears() >= minYears);
        if (team.size() < minTeam) {
            facts.add("执行团队全职员工" + team.size() + "名，不足" + minTeam + "名");
        }
        if (socialWorkers < 2) {
            facts.add("执行团队专业社工" + socialWorkers + "名，不足2名");
        }
        if (!leader) {
            facts.add("执行团队中没有具备" + minYears + "年以上经验的项目负责人");
        }
        // 附件3: the other members have at least one year of relevant experience
        long inexperienced = team.stream().filter(s -> s.getExperienceYears() < 1).count();
        if (inexperienced > 0) {
            facts.add("执行团队中" + inexperienced + "人相关工作经验不足1年");
        }
        long experts = org.getStaff().stream().filter(StaffMember::isExpert).count();
        if (experts < minExperts) {
            facts.add("专家团队" + experts + "名，不足" + minExperts + "名");
        }
        if (!facts.isEmpty()) {
            out.add(new BidViolation("SZ-14", String.join("；", facts)));
        }
    }
}
