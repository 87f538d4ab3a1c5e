package org.civicflow.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.civicflow.call.CallRound;
import org.civicflow.call.CallService;
import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.Organization;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.registry.StaffMember;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * The 房山 call's eligibility rules FS-01 … FS-10. Each reads its facts from the registry, the call and
 * the organization's other applications — never from what the applicant claims about itself — and
 * reports every rule broken with the fact behind it.
 */
@Component
class EligibilityRules {

    private final RegistryService registry;
    private final CallService calls;
    private final ApplicationRepository applications;

    EligibilityRules(RegistryService registry, CallService calls, ApplicationRepository applications) {
        this.registry = registry;
        this.calls = calls;
        this.applications = applications;
    }

    List<RuleViolation> check(ProjectApplication application) {
        CallRound call = calls.call(application.getCallId());
        RoundPolicy policy = registry.policy(call.getPolicyCode());
        Optional<Organization> organization = registry.findOrganization(application.getOrganizationCode());
        List<RuleViolation> violations = new ArrayList<>();
        fs01SubmittedBeforeDeadline(application, call, violations);
        fs02RegisteredAndInspected(application, organization, violations);
        organization.ifPresent(org -> {
            fs03NoRecentPenalty(application, org, policy, violations);
            Map<Long, StaffMember> staff = org.getStaff().stream()
                    .collect(Collectors.toMap(StaffMember::getId, Function.identity()));
            fs04CertifiedLead(application, staff, violations);
            fs05CertifiedTeamMajority(application, staff, violations);
            fs06LastYearAccepted(application, org, policy, violations);
        });
        fs07ApplicationLimit(application, call, violations);
        fs08NoOwnBenefitSpending(application, violations);
        fs09NotAlreadyFunded(application, violations);
        fs10CatalogItemAndBeneficiaries(application, call, violations);
        return violations;
    }

    /** FS-01: submitted strictly before the call's deadline instant (Asia/Shanghai). */
    private void fs01SubmittedBeforeDeadline(ProjectApplication a, CallRound call, List<RuleViolation> out) {
        if (!call.acceptsSubmissionAt(a.getSubmittedAt())) {
            out.add(new RuleViolation(FangshanRule.FS_01, "提交时间 " + ShanghaiTime.chinese(a.getSubmittedAt())
                    + "（北京时间）不早于申报截止时间 " + ShanghaiTime.chineseDeadline(call.getSubmissionDeadline())));
        }
    }

    /** FS-02: registered with civil affairs, an independent legal person, annual inspection passed. */
    private void fs02RegisteredAndInspected(ProjectApplication a, Optional<Organization> organization,
                                            List<RuleViolation> out) {
        if (organization.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_02,
                    "统一社会信用代码 " + a.getOrganizationCode() + " 未在组织登记库中登记"));
            return;
        }
        Organization org = organization.get();
        List<String> facts = new ArrayList<>();
        if (!org.isRegisteredWithCivilAffairs()) {
            facts.add(org.getName() + "未在民政部门登记");
        }
        if (!org.isAnnualInspectionPassed()) {
            facts.add(org.getName() + "年检不合格");
        }
        if (!facts.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_02, String.join("；", facts)));
        }
    }

    /**
     * FS-03: no administrative penalty less than 2 years (policy: months) before submission — a 政府采购不良记录
     * (SZ-06, a terminated contract) is one — and not under investigation.
     */
    private void fs03NoRecentPenalty(ProjectApplication a, Organization org, RoundPolicy policy,
                                     List<RuleViolation> out) {
        LocalDate submittedOn = LocalDate.ofInstant(a.getSubmittedAt(), ShanghaiTime.ZONE);
        int months = policy.intThreshold("penaltyLookbackMonths");
        List<String> facts = new ArrayList<>();
        org.getCreditRecords().stream()
                .filter(r -> r.getOccurredOn().plusMonths(months).isAfter(submittedOn))
                .forEach(r -> facts.add(ShanghaiTime.chineseDate(r.getOccurredOn())
                        + (r.getKind() == CreditRecordKind.ADMINISTRATIVE_PENALTY ? "受到行政处罚（" : "被记入政府采购不良记录（")
                        + r.getDescription() + "），至申报时未满" + months / 12 + "年"));
        if (org.isUnderInvestigation()) {
            facts.add(org.getName() + "正在接受有关部门调查");
        }
        if (!facts.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_03, String.join("；", facts)));
        }
    }

    /** FS-04: the project lead is on the organization's staff and holds a social-work certificate. */
    private void fs04CertifiedLead(ProjectApplication a, Map<Long, StaffMember> staff, List<RuleViolation> out) {
        StaffMember lead = staff.get(a.getLeadStaffId());
        if (lead == null) {
            out.add(new RuleViolation(FangshanRule.FS_04, "项目负责人（登记编号 " + a.getLeadStaffId() + "）不是本机构登记人员"));
        } else if (!lead.isCertified()) {
            out.add(new RuleViolation(FangshanRule.FS_04, "项目负责人" + lead.getName() + "未持有社会工作职业水平证书"));
        }
    }

    /** FS-05: certified staff are the majority of the execution team (lead included). */
    private void fs05CertifiedTeamMajority(ProjectApplication a, Map<Long, StaffMember> staff,
                                           List<RuleViolation> out) {
        Set<Long> team = new LinkedHashSet<>(a.getTeamStaffIds());
        team.add(a.getLeadStaffId());
        List<Long> unknown = team.stream().filter(id -> !staff.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_05, "执行团队中登记编号 "
                    + unknown.stream().map(String::valueOf).collect(Collectors.joining("、")) + " 不是本机构登记人员"));
            return;
        }
        long certified = team.stream().map(staff::get).filter(StaffMember::isCertified).count();
        if (certified * 2 <= team.size()) {
            out.add(new RuleViolation(FangshanRule.FS_05, "执行团队" + team.size() + "人中持证" + certified
                    + "人，持证人员未占多数"));
        }
    }

    /** FS-06: every government-purchased project completed in the last year (policy: years) passed acceptance. */
    private void fs06LastYearAccepted(ProjectApplication a, Organization org, RoundPolicy policy,
                                      List<RuleViolation> out) {
        int year = LocalDate.ofInstant(a.getSubmittedAt(), ShanghaiTime.ZONE).getYear();
        int since = year - policy.intThreshold("outcomeLookbackYears");
        List<String> failed = org.getProjectOutcomes().stream()
                .filter(o -> o.getYear() >= since && !o.isAcceptancePassed())
                .map(o -> o.getYear() + "年“" + o.getProjectName() + "”结项评审不合格")
                .toList();
        if (!failed.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_06, String.join("；", failed)));
        }
    }

    /** FS-07: at most the call's limit of counting applications per organization; joint applicants registered. */
    private void fs07ApplicationLimit(ProjectApplication a, CallRound call, List<RuleViolation> out) {
        List<String> facts = new ArrayList<>();
        long earlier = applications.countCountingApplications(a.getCallId(), a.getOrganizationCode(),
                a.getApplicationId(), a.getSubmittedAt());
        if (earlier >= call.getMaxApplicationsPerOrg()) {
            facts.add("本机构在本轮已有" + earlier + "个申报，达到每个组织" + call.getMaxApplicationsPerOrg() + "个的上限");
        }
        for (String partner : a.getJointApplicants()) {
            if (partner.equals(a.getOrganizationCode())) {
                facts.add("联合申报单位不能是申报单位本身");
            } else if (registry.findOrganization(partner).isEmpty()) {
                facts.add("联合申报单位 " + partner + " 未在组织登记库中登记");
            }
        }
        if (!facts.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_07, String.join("；", facts)));
        }
    }

    /** FS-08: no spending on staff pay rises or the applicant's own office conditions. */
    private void fs08NoOwnBenefitSpending(ProjectApplication a, List<RuleViolation> out) {
        List<String> facts = new ArrayList<>();
        if (a.getStaffPayRaiseAmount().signum() > 0) {
            facts.add("预算含提高工作人员待遇支出" + yuan(a.getStaffPayRaiseAmount()));
        }
        if (a.getOfficeImprovementAmount().signum() > 0) {
            facts.add("预算含改善自身办公条件支出" + yuan(a.getOfficeImprovementAmount()));
        }
        if (!facts.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_08, String.join("；", facts)));
        }
    }

    /** FS-09: not already funded by district finance or a department's own budget. */
    private void fs09NotAlreadyFunded(ProjectApplication a, List<RuleViolation> out) {
        if (a.isAlreadyFundedByDistrict()) {
            out.add(new RuleViolation(FangshanRule.FS_09, "申报表申明本项目已获区级财政或部门预算支持"));
        }
    }

    /** FS-10: names an item of this round's catalog, its beneficiaries and a minimum number of beneficiaries. */
    private void fs10CatalogItemAndBeneficiaries(ProjectApplication a, CallRound call, List<RuleViolation> out) {
        List<String> facts = new ArrayList<>();
        if (calls.catalogItem(call.getPolicyCode(), a.getCatalogCode()).isEmpty()) {
            facts.add("项目指引编号“" + a.getCatalogCode() + "”不在本轮项目指引一览表中");
        }
        if (a.getTargetBeneficiaries().isBlank()) {
            facts.add("未写明服务对象");
        }
        if (a.getMinBeneficiaries() < 1) {
            facts.add("未写明最低受益人数");
        }
        if (!facts.isEmpty()) {
            out.add(new RuleViolation(FangshanRule.FS_10, String.join("；", facts)));
        }
    }

    private static String yuan(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString() + "元";
    }
}
