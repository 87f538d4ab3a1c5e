package org.civicflow.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.civicflow.contract.ServiceContract.Shortfall;
import org.civicflow.registry.CreditRecordKind;
import org.civicflow.registry.Organization;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.registry.StaffMember;
import org.civicflow.system.NotFoundException;
import org.civicflow.system.ProcessInput;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service contracts from registration to payment: team formation (SZ-05, SZ-06), execution plan and service
 * agreement (SZ-16), quarterly reports (SZ-07, SZ-08), annual assessments (SZ-09), final acceptance (SZ-10 …
 * SZ-12, FS-11), payment (SZ-13) and the outcome written back to the registry (FS-06, SZ-04).
 */
@Service
@Transactional
public class ContractService {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

    private final ServiceContractRepository contracts;
    private final ContractPenaltyRepository penalties;
    private final QuarterlyReportRepository reports;
    private final AnnualAssessmentRepository assessments;
    private final ServiceItemRepository serviceItems;
    private final TeamRules teamRules;
    private final AcceptanceTargets targets;
    private final RegistryService registry;
    private final IdentityService identityService;

    ContractService(ServiceContractRepository contracts, ContractPenaltyRepository penalties,
                    QuarterlyReportRepository reports, AnnualAssessmentRepository assessments,
                    ServiceItemRepository serviceItems, TeamRules teamRules, AcceptanceTargets targets,
                    RegistryService registry, IdentityService identityService) {
        this.contracts = contracts;
        this.penalties = penalties;
        this.reports = reports;
        this.assessments = assessments;
        this.serviceItems = serviceItems;
        this.teamRules = teamRules;
        this.targets = targets;
        this.registry = registry;
        this.identityService = identityService;
    }

    /** Records a contract the awarding process has just signed; its serviceContract instance follows. */
    public ServiceContract register(ContractTerms terms) {
        if (contracts.existsById(terms.contractNumber())) {
            throw new IllegalStateException("Contract " + terms.contractNumber() + " is already registered");
        }
        if (terms.kind() == ContractKind.PILOT_UNIT && terms.unitCode() == null) {
            // its street and communities are found through the unit
            throw new IllegalArgumentException("A 苏州 unit contract needs its unit: " + terms.contractNumber());
        }
        return contracts.save(new ServiceContract(terms, ShanghaiTime.now()));
    }

    @Transactional(readOnly = true)
    public ServiceContract contract(String contractNumber) {
        return contracts.findById(contractNumber)
                .orElseThrow(() -> new NotFoundException("未找到合同 " + contractNumber));
    }

    /** The contract of that number, if there is one. */
    @Transactional(readOnly = true)
    public Optional<ServiceContract> findContract(String contractNumber) {
        return contracts.findById(contractNumber);
    }

    /** Every contract of a kind, oldest first (the Open Contracting export publishes funded projects' contracts). */
    @Transactional(readOnly = true)
    public List<ServiceContract> contractsOfKind(ContractKind kind) {
        return contracts.findByKindOrderByCreatedAtAscContractNumberAsc(kind);
    }

    @Transactional(readOnly = true)
    public List<ServiceContract> contractsOf(String organizationCode) {
        return contracts.findByOrganizationCodeOrderByCreatedAt(organizationCode);
    }

    @Transactional(readOnly = true)
    public List<ContractPenalty> penalties(String contractNumber) {
        return penalties.findByContractNumberOrderByRecordedAt(contractNumber);
    }

    @Transactional(readOnly = true)
    public List<QuarterlyReport> reports(String contractNumber) {
        return reports.findByContractNumberOrderBySequence(contractNumber);
    }

    @Transactional(readOnly = true)
    public List<AnnualAssessment> assessments(String contractNumber) {
        return assessments.findByContractNumberOrderByContractYearAscAssessorGroupAsc(contractNumber);
    }

    ServiceContract start(String contractNumber, String processInstanceId) {
        ServiceContract contract = contract(contractNumber);
        contract.started(processInstanceId);
        return contract;
    }

    RoundPolicy policy(ServiceContract contract) {
        return registry.policy(contract.getPolicyCode());
    }

    String organizationName(ServiceContract contract) {
        return registry.findOrganization(contract.getOrganizationCode()).map(Organization::getName)
                .orElse(contract.getOrganizationCode());
    }

    // --- SZ-05, SZ-06: team formation ---------------------------------------------------------------

    /** The organization's registered staff as the team form lists them. */
    @Transactional(readOnly = true)
    String staffList(ServiceContract contract) {
        return registry.findOrganization(contract.getOrganizationCode()).map(o -> o.getStaff().stream()
                .map(ContractService::describe).collect(Collectors.joining("\n"))).orElse("");
    }

    private static String describe(StaffMember s) {
        List<String> facts = new ArrayList<>();
        facts.add(s.isFullTimeEmployee() ? "全职" : "非全职");
        facts.add(s.isProfessionalSocialWorker() ? "专业社工" : "非专业社工");
        if (s.getQualification() != null) {
            facts.add(s.getQualification().label());
        }
        facts.add("工作经验" + s.getExperienceYears() + "年");
        facts.add("社区服务" + s.getCommunityServiceYears() + "年");
        if (s.isLocal()) {
            facts.add("本土");
        }
        if (s.isSupervisorQualified()) {
            facts.add("苏州市见习督导");
        }
        return "编号 " + s.getId() + "：" + s.getName() + "（" + String.join("，", facts) + "）";
    }

    /**
     * Task_RegisterServiceTeam's proposal, checked against SZ-05 from registry facts. Malformed input is a
     * 400; a team that falls short is returned with every shortfall, and nothing is recorded as formed.
     */
    List<Shortfall> proposeTeam(String contractNumber, Map<String, Object> variables) {
        ServiceContract contract = contract(contractNumber);
        ProcessInput input = ProcessInput.of(variables);
        List<Long> team = input.idList("teamStaffIds", 2000);
        if (team.isEmpty() && !input.hasViolation("teamStaffIds")) {
            input.reject("teamStaffIds", "必填");
        }
        Integer manager = input.requiredInt("projectManagerStaffId", 1, Integer.MAX_VALUE);
        List<Long> supervisors = input.idList("supervisorStaffIds", 200);
        if (supervisors.isEmpty() && !input.hasViolation("supervisorStaffIds")) {
            input.reject("supervisorStaffIds", "必填");
        }
        input.validate();
        Organization organization = registry.findOrganization(contract.getOrganizationCode())
                .orElseThrow(() -> new NotFoundException("未找到组织 " + contract.getOrganizationCode()));
        TeamRules.Proposal proposal = new TeamRules.Proposal(team, manager.longValue(), supervisors);
        List<Shortfall> shortfalls = teamRules.check(proposal, organization, policy(contract));
        if (shortfalls.isEmpty()) {
            contract.teamFormed(proposal.members(), ShanghaiTime.now());
        }
        return shortfalls;
    }

    /** When the deduction timer fires: the team is more than the policy's days late (SZ-06 扣分). */
    ContractPenalty deduct(String contractNumber) {
        ServiceContract contract = contract(contractNumber);
        RoundPolicy policy = policy(contract);
        int points = policy.intThreshold("teamLateDeductionPoints");
        int days = daysLate(contract);
        contract.deducted(points);
        return penalties.save(new ContractPenalty(contractNumber, ContractPenalty.Kind.DEDUCTION, days, points, null,
                "服务团队未在" + ShanghaiTime.chineseDeadline(contract.getTeamFormationDeadline()) + "前组建，逾期已超过"
                        + policy.intThreshold("deductionAfterDaysLate") + "日，评估扣" + points + "分",
                null, ShanghaiTime.now()));
    }

    /** Whole days since the team deadline (0 before it). */
    int daysLate(ServiceContract contract) {
        if (contract.getTeamFormationDeadline() == null) {
            return 0;
        }
        Duration late = Duration.between(contract.getTeamFormationDeadline(), ShanghaiTime.now());
        return late.isNegative() ? 0 : (int) late.toDays();
    }

    /** A sanction decision as the bureau made it (validated, not yet carried out). */
    record Sanction(String kind, BigDecimal reductionAmount, String reason) {
    }

    /** Task_DecideContractSanction's input: REDUCE with an amount up to the current amount, or TERMINATE. */
    Sanction readSanction(String contractNumber, Map<String, Object> variables) {
        ServiceContract contract = contract(contractNumber);
        ProcessInput input = ProcessInput.of(variables);
        String kind = input.requiredText("sanction", 16);
        if (kind != null && !kind.equals("REDUCE") && !kind.equals("TERMINATE")) {
            input.reject("sanction", "取值必须是 REDUCE（扣减合同金额）或 TERMINATE（解除合同）");
        }
        BigDecimal amount = null;
        if ("REDUCE".equals(kind)) {
            amount = input.requiredAmount("reductionAmount", MAX_AMOUNT);
            if (amount != null && amount.signum() == 0) {
                input.reject("reductionAmount", "扣减金额必须大于0");
            } else if (amount != null && amount.compareTo(contract.getCurrentAmount()) >= 0) {
                input.reject("reductionAmount", "扣减金额须小于现行合同金额" + contract.getCurrentAmount().toPlainString()
                        + "元；全部扣减请选择解除合同");
            }
        }
        String reason = input.requiredText("sanctionReason", 2000);
        if (contract.getStatus() != ContractStatus.ACTIVE) {
            input.reject("sanction", "合同已" + (contract.getStatus() == ContractStatus.TERMINATED ? "解除" : "结束"));
        }
        input.validate();
        return new Sanction(kind, amount, reason);
    }

    /**
     * REDUCE: the amount goes down and — SZ-06: 超过30日的，视情扣减合同金额或解除合同，并列入政府采购不良记录 — the
     * organization gets a 政府采购不良记录 either way (then SZ-04 and FS-03 block it).
     */
    ContractPenalty reduce(String contractNumber, BigDecimal amount, String reason) {
        ServiceContract contract = contract(contractNumber);
        int days = daysLate(contract);
        contract.reduced(amount);
        recordBadProcurement(contract, days, "扣减合同金额" + amount.toPlainString() + "元");
        return penalties.save(new ContractPenalty(contractNumber, ContractPenalty.Kind.REDUCTION, days,
                null, amount, reason, actor(), ShanghaiTime.now()));
    }

    /** TERMINATE: the contract ends and the organization gets a 政府采购不良记录 (then SZ-04 and FS-03 block it). */
    ContractPenalty terminate(String contractNumber, String reason) {
        ServiceContract contract = contract(contractNumber);
        int days = daysLate(contract);
        contract.terminated();
        recordBadProcurement(contract, days, "合同解除");
        return penalties.save(new ContractPenalty(contractNumber, ContractPenalty.Kind.TERMINATION, days, null,
                contract.getCurrentAmount(), reason, actor(), ShanghaiTime.now()));
    }

    /** SZ-06's 列入政府采购不良记录, the same for either sanction, naming the sanction taken. */
    private void recordBadProcurement(ServiceContract contract, int daysLate, String sanction) {
        registry.addCreditRecord(contract.getOrganizationCode(), CreditRecordKind.PROCUREMENT_BAD_RECORD,
                ShanghaiTime.today(), "SZ-06：合同" + contract.getContractNumber() + "服务团队逾期" + daysLate + "日未组建，"
                        + sanction);
    }

    void documented(ContractPenalty penalty, String documentId) {
        penalties.findById(penalty.getId()).ifPresent(p -> p.documented(documentId));
    }

    // --- SZ-16: execution plan and service agreement --------------------------------------------------

    @Transactional(readOnly = true)
    List<ServiceItem> serviceItems(String policyCode) {
        return serviceItems.findByKeyPolicyCodeOrderBySortOrder(policyCode);
    }

    String serviceItemMenu(ServiceContract contract) {
        return serviceItems(contract.getPolicyCode()).stream()
                .map(i -> i.getCode() + " " + i.getCategory() + "：" + i.getName() + (i.isMandatory() ? "（必选）" : ""))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Task_PrepareExecutionPlan's plan: items from the round's 清单 with the mandatory ones (SZ-16).
     *
     * @return whether it asks for items beyond the 清单, which need district and city approval
     */
    boolean recordPlan(String contractNumber, Map<String, Object> variables) {
        ServiceContract contract = contract(contractNumber);
        ProcessInput input = ProcessInput.of(variables);
        List<String> items = input.list("serviceItems", 500);
        List<ServiceItem> menu = serviceItems(contract.getPolicyCode());
        Set<String> codes = menu.stream().map(ServiceItem::getCode).collect(Collectors.toSet());
        if (items.isEmpty() && !input.hasViolation("serviceItems")) {
            input.reject("serviceItems", "必填");
        }
        List<String> unknown = items.stream().filter(i -> !codes.contains(i)).toList();
        if (!unknown.isEmpty()) {
            input.reject("serviceItems", "SZ-16：" + String.join("、", unknown) + " 不在服务清单中；清单外项目请填入自拟服务项目");
        }
        List<String> missing = menu.stream().filter(ServiceItem::isMandatory).filter(i -> !items.contains(i.getCode()))
                .map(i -> i.getCode() + " " + i.getName()).toList();
        if (!missing.isEmpty()) {
            input.reject("serviceItems", "SZ-16：缺少必选项目 " + String.join("、", missing));
        }
        String additional = input.optionalText("additionalItems", 2000);
        List<String> populations = input.list("servicePopulations", 500);
        List<String> normalized = new ArrayList<>();
        for (String p : populations) {
            PopulationCategory.parse(p).ifPresentOrElse(c -> normalized.add(c.chinese()),
                    () -> input.reject("servicePopulations", "“" + p + "”不是表1的困境人群类别"));
        }
        if (populations.isEmpty() && !input.hasViolation("servicePopulations")) {
            input.reject("servicePopulations", "必填");
        }
        String methods = input.requiredText("serviceMethods", 2000);
        String deliverables = input.requiredText("deliverables", 2000);
        input.validate();
        contract.plan(String.join(",", new LinkedHashSet<>(items)), additional,
                String.join(",", new LinkedHashSet<>(normalized)), methods, deliverables);
        return additional != null;
    }

    /** Task_ApproveMenuChange: both the district and the city must agree (SZ-16). */
    boolean menuChangeApproved(Map<String, Object> variables) {
        ProcessInput input = ProcessInput.of(variables);
        boolean district = input.optionalBoolean("districtApproved", false);
        boolean city = input.optionalBoolean("cityApproved", false);
        String comment = input.optionalText("menuChangeComment", 2000);
        if (!(district && city) && comment == null) {
            input.reject("menuChangeComment", "不同意时须写明理由");
        }
        input.validate();
        return district && city;
    }

    /** Task_ConfirmServiceAgreement: plan agreed and approved, 1–2 coordinators each, the street's list. */
    void confirmAgreement(String contractNumber, Map<String, Object> variables) {
        ServiceContract contract = contract(contractNumber);
        ProcessInput input = ProcessInput.of(variables);
        if (!input.optionalBoolean("residentsAgreed", false)) {
            input.reject("residentsAgreed", "SZ-16：执行方案须经居（村）民代表协商同意");
        }
        if (!input.optionalBoolean("committeeApproved", false)) {
            input.reject("committeeApproved", "SZ-16：执行方案须经居（村）委会审定");
        }
        List<String> street = input.list("streetCoordinators", 200);
        if (street.isEmpty() || street.size() > 2) {
            input.reject("streetCoordinators", "SZ-16：街道须确定1至2名试点协调员，现为" + street.size() + "名");
        }
        String communityText = input.requiredText("communityCoordinators", 2000);
        List<String> coordinatorLines = new ArrayList<>();
        if (communityText != null) {
            Map<String, List<String>> byCommunity = new java.util.LinkedHashMap<>();
            for (String line : communityText.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split("[：:]", 2);
                List<String> names = parts.length < 2 ? List.of()
                        : java.util.Arrays.stream(parts[1].split("[,，、\\s]+")).filter(s -> !s.isBlank()).toList();
                byCommunity.put(parts[0].strip(), names);
            }
            for (String community : contract.getCommunities()) {
                List<String> names = byCommunity.getOrDefault(community, List.of());
                if (names.isEmpty() || names.size() > 2) {
                    input.reject("communityCoordinators", "SZ-16：" + community + "须确定1至2名试点协调员，现为" + names.size() + "名");
                } else {
                    coordinatorLines.add(community + "：" + String.join("、", names));
                }
            }
            byCommunity.keySet().stream().filter(c -> !contract.getCommunities().contains(c)).forEach(c ->
                    input.reject("communityCoordinators", "“" + c + "”不是本合同的服务社区"));
        }
        String recipients = input.requiredText("serviceRecipients", ContractText.MAX);
        input.validate();
        contract.agreementConfirmed(String.join("、", street), String.join("\n", coordinatorLines), recipients,
                ShanghaiTime.now());
    }

    // --- SZ-07, SZ-08, SZ-09: reporting periods --------------------------------------------------------

    @Transactional(readOnly = true)
    List<ReportingPeriod> periods(String contractNumber) {
        ServiceContract contract = contract(contractNumber);
        return ReportingPeriod.of(contract.getServiceStart(), contract.getServiceEnd());
    }

    ReportingPeriod period(String contractNumber, int sequence) {
        return periods(contractNumber).get(sequence - 1);
    }

    /** The instant a period ends: the start of the next day in Asia/Shanghai. */
    static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ShanghaiTime.ZONE).toInstant();
    }

    /** Opens the period's report when the period ends; due the policy's days later (SZ-07). */
    QuarterlyReport openReport(String contractNumber, int sequence) {
        ServiceContract contract = contract(contractNumber);
        ReportingPeriod period = period(contractNumber, sequence);
        Optional<QuarterlyReport> existing = reports.findByContractNumberAndSequence(contractNumber, sequence);
        if (existing.isPresent()) {
            return existing.get();
        }
        int dueDays = policy(contract).intThreshold("reportDueDays");
        return reports.save(new QuarterlyReport(contractNumber, period, endOf(period.end().plusDays(dueDays))));
    }

    QuarterlyReport report(String contractNumber, int sequence) {
        return reports.findByContractNumberAndSequence(contractNumber, sequence)
                .orElseThrow(() -> new NotFoundException("未找到合同 " + contractNumber + " 第" + sequence + "期季度报告"));
    }

    String communityTemplate(ServiceContract contract) {
        return CommunityFiguresText.template(contract.getCommunities());
    }

    /** Task_SubmitQuarterlyReport's figures; for a 苏州 unit with SZ-08's meetings and SZ-11's community lines. */
    QuarterlyReport submitReport(String contractNumber, int sequence, Map<String, Object> variables) {
        ServiceContract contract = contract(contractNumber);
        QuarterlyReport report = report(contractNumber, sequence);
        boolean pilot = contract.getKind() == ContractKind.PILOT_UNIT;
        ProcessInput input = ProcessInput.of(variables);
        int max = 10_000_000;
        Integer persons = input.requiredInt("personsServed", 0, max);
        Integer cases = input.requiredInt("caseServed", 0, max);
        if (persons != null && cases != null && cases > persons) {
            input.reject("caseServed", "不能多于本季度服务人数" + persons);
        }
        Integer fromList = pilot ? input.requiredInt("servedFromStreetList", 0, max) : input.optionalInt("servedFromStreetList", 0, max, 0);
        if (persons != null && fromList != null && fromList > persons) {
            input.reject("servedFromStreetList", "不能多于本季度服务人数" + persons);
        }
        List<String> categories = new ArrayList<>();
        for (String text : input.list("populationCategories", 500)) {
            PopulationCategory.parse(text).ifPresentOrElse(c -> categories.add(c.name()),
                    () -> input.reject("populationCategories", "“" + text + "”不是表1的困境人群类别"));
        }
        Integer sessions = pilot ? input.requiredInt("trainingSessions", 0, 10_000) : input.optionalInt("trainingSessions", 0, 10_000, 0);
        BigDecimal hours = hours(input, pilot);
        Integer streetMeetings = pilot ? input.requiredInt("streetMeetings", 0, 10_000) : input.optionalInt("streetMeetings", 0, 10_000, 0);
        Integer communityMeetings = pilot ? input.requiredInt("communityMeetings", 0, 100_000) : input.optionalInt("communityMeetings", 0, 100_000, 0);
        List<QuarterlyReport.CommunityFigures> figures = List.of();
        if (pilot) {
            CommunityFiguresText.Result parsed = CommunityFiguresText.parse(input.optionalText("communityFigures", ContractText.MAX),
                    contract.getCommunities());
            parsed.problems().forEach(p -> input.reject("communityFigures", "第" + p.line() + "行：" + p.message()));
            figures = parsed.figures();
        }
        LocalDate completedOn = date(input, variables.get("completedOn"));
        if (completedOn != null && completedOn.isBefore(contract.getServiceStart())) {
            input.reject("completedOn", "不能早于服务开始日期" + ShanghaiTime.chineseDate(contract.getServiceStart()));
        }
        String summary = input.requiredText("reportSummary", 4000);
        if (report.getStatus() == QuarterlyReport.Status.SUBMITTED) {
            input.reject("reportSummary", "本期季度报告已提交");
        }
        input.validate();
        report.submitted(new QuarterlyReport.Figures(persons, cases, fromList, String.join(",", categories), sessions,
                hours, streetMeetings, communityMeetings, completedOn, summary), figures, actor(), ShanghaiTime.now());
        return report;
    }

    /** Training hours: a number with at most one decimal. */
    private static BigDecimal hours(ProcessInput input, boolean required) {
        BigDecimal max = new BigDecimal("100000");
        return required ? input.requiredDecimal("trainingHours", max, 1)
                : Optional.ofNullable(input.optionalDecimal("trainingHours", max, 1)).orElse(BigDecimal.ZERO.setScale(1));
    }

    private static LocalDate date(ProcessInput input, Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (value instanceof java.util.Date d) {
            return LocalDate.ofInstant(d.toInstant(), ShanghaiTime.ZONE);
        }
        if (value instanceof String text) {
            try {
                return LocalDate.parse(text.strip().length() > 10 ? text.strip().substring(0, 10) : text.strip());
            } catch (DateTimeParseException e) {
                // fall through to the rejection
            }
        }
        return input.reject("completedOn", "日期格式须为 yyyy-MM-dd，例如 2020-12-05");
    }

    /** The report's due date passed without it: recorded, and the street is told (SZ-07). */
    QuarterlyReport escalate(String contractNumber, int sequence) {
        QuarterlyReport report = report(contractNumber, sequence);
        report.escalated(ShanghaiTime.now());
        return report;
    }

    /** SZ-09: the street's or the community's assessment of one contract year. */
    AnnualAssessment assess(String contractNumber, int contractYear, String group, Map<String, Object> variables) {
        ProcessInput input = ProcessInput.of(variables);
        Integer progress = input.requiredInt("progressScore", 0, 100);
        Integer effect = input.requiredInt("effectScore", 0, 100);
        Integer satisfaction = input.requiredInt("satisfactionScore", 0, 100);
        String comment = input.requiredText("assessmentComment", 2000);
        if (assessments.existsByContractNumberAndContractYearAndAssessorGroup(contractNumber, contractYear, group)) {
            input.reject("assessmentComment", "第" + contractYear + "合同年度已考核");
        }
        input.validate();
        return assessments.save(new AnnualAssessment(contractNumber, contractYear, group, actor(), progress, effect,
                satisfaction, comment, ShanghaiTime.now()));
    }

    // --- final acceptance and payment -------------------------------------------------------------------

    AcceptanceTargets.Result checkTargets(String contractNumber) {
        ServiceContract contract = contract(contractNumber);
        AcceptanceTargets.Result result = targets.check(contract, reports(contractNumber), policy(contract));
        contract.targetsChecked(result.shortfalls(), result.checked());
        return result;
    }

    /**
     * Task_ReviewFinalAcceptance: the evaluator's verdict and score. Passing is refused while any target is
     * missed (the facts decide); for a 房山 project the indicators the evaluator found unmet are shortfalls too.
     */
    ServiceContract review(String contractNumber, Map<String, Object> variables) {
        ServiceContract contract = contract(contractNumber);
        ProcessInput input = ProcessInput.of(variables);
        Boolean passed = input.requiredBoolean("acceptancePassed");
        BigDecimal score = score(input, "finalScore", true);
        BigDecimal coordination = score(input, "coordinationScore", false);
        String comment = input.requiredText("acceptanceComment", 4000);
        AcceptanceTargets.Result indicators = null;
        if (contract.getKind() == ContractKind.FUNDED_PROJECT) {
            Set<Integer> met = new LinkedHashSet<>();
            int count = contract.indicatorList().size();
            for (Long n : input.idList("indicatorsMet", 200)) {
                if (n < 1 || n > count) {
                    input.reject("indicatorsMet", "指标序号须在1到" + count + "之间");
                } else {
                    met.add(n.intValue());
                }
            }
            indicators = targets.indicators(contract, met);
        }
        List<Shortfall> all = new ArrayList<>(contract.getShortfalls());
        if (indicators != null) {
            all.addAll(indicators.shortfalls());
        }
        if (Boolean.TRUE.equals(passed) && !all.isEmpty()) {
            input.reject("acceptancePassed", "存在未达标事项（" + all.stream().map(Shortfall::ruleId).distinct().sorted()
                    .collect(Collectors.joining("、")) + "），不能评为合格");
        }
        input.validate();
        if (indicators != null) {
            contract.addShortfalls(indicators.shortfalls(), indicators.checked());
        }
        contract.reviewed(passed, score, coordination, comment, ShanghaiTime.now());
        return contract;
    }

    private static BigDecimal score(ProcessInput input, String name, boolean required) {
        BigDecimal hundred = new BigDecimal("100");
        return required ? input.requiredDecimal(name, hundred, 1) : input.optionalDecimal(name, hundred, 1);
    }

    /** SZ-13: the payment by {@link PaymentFormula}, with the score factor the DMN table gave. */
    PaymentFormula.Payment pay(String contractNumber, BigDecimal scoreFactor) {
        ServiceContract contract = contract(contractNumber);
        PaymentFormula.Payment payment = PaymentFormula.compute(contract, scoreFactor);
        contract.paid(scoreFactor, payment.amount());
        return payment;
    }

    /** FS-06 / SZ-04 later: the acceptance result becomes a project outcome of the organization. */
    void recordOutcome(String contractNumber) {
        ServiceContract contract = contract(contractNumber);
        registry.addProjectOutcome(contract.getOrganizationCode(), contract.getServiceEnd().getYear(),
                contract.getTitle(), Boolean.TRUE.equals(contract.getAcceptancePassed()));
    }

    /** Who acts: the authenticated user, or the engine for jobs and the Java API. */
    String actor() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? "system" : authentication.getUserId();
    }
}
