package org.civicflow.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.civicflow.documents.DocumentLinks;
import org.civicflow.registry.Organization;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.DashboardContributor;
import org.civicflow.system.DashboardLinks;
import org.civicflow.system.DashboardSection;
import org.civicflow.system.DashboardSection.Bar;
import org.civicflow.system.DashboardSection.Cell;
import org.civicflow.system.DashboardSection.Chart;
import org.civicflow.system.DashboardSection.Figure;
import org.civicflow.system.DashboardSection.Link;
import org.civicflow.system.DashboardSection.Table;
import org.civicflow.system.DashboardViewer;
import org.civicflow.system.ShanghaiTime;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's view of contracts, whichever process awarded them: contracts by status, overdue quarterly
 * reports (SZ-07), SZ-06 deductions, reductions and terminations with days late, acceptance results and
 * shortfalls by rule id, and payments (SZ-13) with their totals. A street sees the 苏州 unit contracts only.
 * It lives here so that neither {@code application} nor {@code tender} has to show contract data (they depend
 * on {@code contract}, never the reverse).
 */
@Component
class ContractsDashboard implements DashboardContributor {

    static final int ORDER = 30;
    static final String TITLE = "合同履约与结项";

    private static final Map<ContractStatus, String> STATUS_TEXT = new EnumMap<>(Map.of(
            ContractStatus.ACTIVE, "履约中", ContractStatus.COMPLETED, "已结项",
            ContractStatus.FAILED_ACCEPTANCE, "结项不合格", ContractStatus.TERMINATED, "已解除"));
    private static final Map<ContractPenalty.Kind, String> PENALTY_TEXT = new EnumMap<>(Map.of(
            ContractPenalty.Kind.DEDUCTION, "评估扣分", ContractPenalty.Kind.REDUCTION, "扣减合同金额",
            ContractPenalty.Kind.TERMINATION, "解除合同"));

    private final ServiceContractRepository contracts;
    private final ContractPenaltyRepository penalties;
    private final QuarterlyReportRepository reports;
    private final DocumentLinks documentLinks;
    private final RegistryService registry;

    ContractsDashboard(ServiceContractRepository contracts, ContractPenaltyRepository penalties,
                       QuarterlyReportRepository reports, DocumentLinks documentLinks, RegistryService registry) {
        this.contracts = contracts;
        this.penalties = penalties;
        this.reports = reports;
        this.documentLinks = documentLinks;
        this.registry = registry;
    }

    @Override
    @Transactional(readOnly = true)
    public List<DashboardSection> sections(DashboardViewer viewer) {
        List<ServiceContract> visible = contracts.findAll(Sort.by("createdAt", "contractNumber")).stream()
                .filter(c -> viewer.seesAll() || c.getKind() == ContractKind.PILOT_UNIT && viewer.seesUnit(c.getUnitCode()))
                .toList();
        if (visible.isEmpty()) {
            return List.of(new DashboardSection(ORDER, TITLE, "暂无合同", List.of(), List.of(), List.of(), List.of()));
        }
        Set<String> numbers = new HashSet<>();
        visible.forEach(c -> numbers.add(c.getContractNumber()));
        Map<String, ServiceContract> byNumber = new LinkedHashMap<>();
        visible.forEach(c -> byNumber.put(c.getContractNumber(), c));

        Map<ContractStatus, Long> byStatus = new EnumMap<>(ContractStatus.class);
        Map<String, Long> shortfallsByRule = new TreeMap<>();
        BigDecimal contracted = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        long paidCount = 0;
        long passed = 0;
        long failed = 0;
        List<List<Cell>> contractRows = new ArrayList<>();
        for (ServiceContract contract : visible) {
            byStatus.merge(contract.getStatus(), 1L, Long::sum);
            contracted = contracted.add(contract.getOriginalAmount());
            if (contract.getPaymentAmount() != null) {
                paid = paid.add(contract.getPaymentAmount());
                paidCount++;
            }
            if (Boolean.TRUE.equals(contract.getAcceptancePassed())) {
                passed++;
            } else if (Boolean.FALSE.equals(contract.getAcceptancePassed())) {
                failed++;
            }
            contract.getShortfalls().stream().map(ServiceContract.Shortfall::ruleId).distinct()
                    .forEach(rule -> shortfallsByRule.merge(rule, 1L, Long::sum));
            contractRows.add(List.of(
                    Cell.text(contract.getContractNumber()),
                    Cell.text(contract.getTitle()),
                    Cell.text(organizationName(contract.getOrganizationCode())),
                    Cell.text(contract.getKind() == ContractKind.PILOT_UNIT ? "苏州试点" : "房山立项"),
                    Cell.text(STATUS_TEXT.get(contract.getStatus())),
                    Cell.text(DashboardLinks.yuan(contract.getOriginalAmount())),
                    Cell.text(DashboardLinks.yuan(contract.getCurrentAmount())),
                    Cell.text(contract.getEvaluationDeductions()),
                    Cell.text(acceptance(contract)),
                    Cell.text(contract.getCompletionShortfalls().isEmpty() ? "—" : contract.getCompletionShortfalls()),
                    Cell.text(DashboardLinks.yuan(contract.getPaymentAmount())),
                    Cell.links(documentLinks.of(contract.getProcessInstanceId()))));
        }

        // SZ-06: every deduction, reduction and termination with its rule id and days late
        Map<ContractPenalty.Kind, Long> penaltiesByKind = new EnumMap<>(ContractPenalty.Kind.class);
        BigDecimal reduced = BigDecimal.ZERO;
        long points = 0;
        List<List<Cell>> penaltyRows = new ArrayList<>();
        for (ContractPenalty penalty : penalties.findAll(Sort.by("recordedAt", "id"))) {
            if (!numbers.contains(penalty.getContractNumber())) {
                continue;
            }
            penaltiesByKind.merge(penalty.getKind(), 1L, Long::sum);
            if (penalty.getKind() == ContractPenalty.Kind.REDUCTION && penalty.getAmount() != null) {
                reduced = reduced.add(penalty.getAmount());
            }
            if (penalty.getPoints() != null) {
                points += penalty.getPoints();
            }
            penaltyRows.add(List.of(
                    Cell.text(penalty.getContractNumber()),
                    Cell.text(penalty.getRuleId()),
                    Cell.text(PENALTY_TEXT.get(penalty.getKind())),
                    Cell.text(penalty.getDaysLate() + "天"),
                    Cell.text(penalty.getPoints() != null ? penalty.getPoints() + "分"
                            : penalty.getAmount() != null ? DashboardLinks.yuan(penalty.getAmount()) + "元" : "—"),
                    Cell.text(penalty.getReason()),
                    Cell.text(DashboardLinks.date(penalty.getRecordedAt())),
                    Cell.links(penaltyLinks(penalty, byNumber.get(penalty.getContractNumber())))));
        }

        // SZ-07: reports not submitted by their due date, still open or submitted late
        Instant now = ShanghaiTime.now();
        long overdueOpen = 0;
        long submittedLate = 0;
        List<List<Cell>> reportRows = new ArrayList<>();
        for (QuarterlyReport report : reports.findAll(Sort.by("dueAt", "contractNumber", "sequence"))) {
            if (!numbers.contains(report.getContractNumber())) {
                continue;
            }
            boolean open = report.getStatus() == QuarterlyReport.Status.DUE && report.getDueAt().isBefore(now);
            boolean late = report.getStatus() == QuarterlyReport.Status.SUBMITTED && report.isLate();
            if (!open && !late) {
                continue;
            }
            if (open) {
                overdueOpen++;
            } else {
                submittedLate++;
            }
            Instant until = open ? now : report.getSubmittedAt();
            reportRows.add(List.of(
                    Cell.text(report.getContractNumber()),
                    Cell.text("第" + report.getSequence() + "期（" + ShanghaiTime.chineseDate(report.getPeriodStart())
                            + "至" + ShanghaiTime.chineseDate(report.getPeriodEnd()) + "）"),
                    Cell.text(ShanghaiTime.chineseDeadline(report.getDueAt())),
                    Cell.text(open ? "逾期未交" : "逾期提交"),
                    Cell.text(java.time.Duration.between(report.getDueAt(), until).toDays() + "天"),
                    Cell.text(report.getEscalatedAt() == null ? "—" : DashboardLinks.date(report.getEscalatedAt())),
                    Cell.links(documentLinks.of(byNumber.get(report.getContractNumber()).getProcessInstanceId()))));
        }

        List<Figure> figures = List.of(
                Figure.of("合同", visible.size()),
                Figure.of("履约中", byStatus.getOrDefault(ContractStatus.ACTIVE, 0L)),
                new Figure("结项合格 / 不合格", passed + " / " + failed, ""),
                Figure.of("已解除", byStatus.getOrDefault(ContractStatus.TERMINATED, 0L)),
                new Figure("逾期季度报告", String.valueOf(overdueOpen + submittedLate),
                        "未交 " + overdueOpen + "，逾期提交 " + submittedLate + "（SZ-07）"),
                new Figure("评估扣分", String.valueOf(points), "SZ-06"),
                new Figure("合同金额合计", DashboardLinks.yuan(contracted), "元"),
                new Figure("扣减金额合计", DashboardLinks.yuan(reduced), "元，SZ-06"),
                new Figure("已拨付", DashboardLinks.yuan(paid), "元，" + paidCount + " 份合同（SZ-13）"));
        List<Chart> charts = List.of(
                new Chart("合同（按状态）", Chart.Kind.BARS, STATUS_TEXT.entrySet().stream()
                        .map(e -> new Bar(e.getValue(), byStatus.getOrDefault(e.getKey(), 0L))).toList()),
                new Chart("SZ-06 处罚（按类型）", Chart.Kind.BARS, PENALTY_TEXT.entrySet().stream()
                        .map(e -> new Bar(e.getValue(), penaltiesByKind.getOrDefault(e.getKey(), 0L))).toList()),
                new Chart("结项未达标（按规则）", Chart.Kind.BARS, shortfallsByRule.entrySet().stream()
                        .map(e -> new Bar(e.getKey(), e.getValue())).toList()));
        List<Table> tables = List.of(
                new Table("合同明细", List.of("合同编号", "项目", "承接机构", "类型", "状态", "合同金额（元）", "现行金额（元）",
                        "扣分", "结项评估", "未达标规则", "拨付金额（元）", "文书与流程"), contractRows),
                new Table("扣分、扣减与解除（SZ-06）", List.of("合同编号", "规则", "处理", "逾期", "扣分/金额", "事由",
                        "记录时间", "文书与流程"), penaltyRows),
                new Table("逾期季度报告（SZ-07）", List.of("合同编号", "报告期", "报送期限", "情况", "逾期", "督办时间",
                        "文书与流程"), reportRows),
                new Table("结项未达标（按规则编号）", List.of("规则", "合同数"), shortfallsByRule.entrySet().stream()
                        .map(e -> List.of(Cell.text(e.getKey()), Cell.text(e.getValue()))).toList()));
        String subtitle = viewer.seesAll() ? "苏州试点合同与房山立项项目" : "苏州试点合同（街道视图）";
        return List.of(new DashboardSection(ORDER, TITLE, subtitle, figures, charts, tables,
                List.of(DashboardLinks.processes("在 Cockpit 中查看全部流程"))));
    }

    private static String acceptance(ServiceContract contract) {
        if (contract.getAcceptancePassed() == null) {
            return "—";
        }
        return (contract.getAcceptancePassed() ? "合格" : "不合格")
                + (contract.getFinalScore() == null ? "" : "，" + contract.getFinalScore().stripTrailingZeros().toPlainString() + "分");
    }

    private List<Link> penaltyLinks(ContractPenalty penalty, ServiceContract contract) {
        List<Link> links = new ArrayList<>();
        if (penalty.getDocumentId() != null) {
            links.add(DashboardLinks.document("决定书", penalty.getDocumentId()));
        }
        if (contract != null && contract.getProcessInstanceId() != null) {
            links.add(DashboardLinks.instance("Cockpit", contract.getProcessInstanceId()));
        }
        return links;
    }


    private String organizationName(String code) {
        return registry.findOrganization(code).map(Organization::getName).orElse(code);
    }
}
