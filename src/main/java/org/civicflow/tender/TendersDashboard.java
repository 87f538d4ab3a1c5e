package org.civicflow.tender;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
import org.civicflow.system.DashboardViewer;
import org.civicflow.system.ShanghaiTime;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's view of the 苏州 pilot's tenders: each tender by status, its bids (how many, how many
 * qualified, and the rule ids that disqualified the others) and the award; notices and Cockpit links. Sealed
 * bids stay sealed: before the bid deadline only their number is shown, as in {@code /api/tenders/…/bids}.
 * Streets see this section too: tenders are the pilot's.
 */
@Component
class TendersDashboard implements DashboardContributor {

    static final int ORDER = 20;
    static final String TITLE = "招投标";

    private static final Map<TenderStatus, String> STATUS_TEXT = new EnumMap<>(Map.of(
            TenderStatus.OPEN, "投标中", TenderStatus.EVALUATING, "评标中", TenderStatus.AWARDED, "已中标",
            TenderStatus.SIGNED, "已签约", TenderStatus.FAILED, "流标/废标"));

    private final TenderRepository tenders;
    private final TenderService tenderService;
    private final DocumentLinks documentLinks;
    private final RegistryService registry;

    TendersDashboard(TenderRepository tenders, TenderService tenderService, DocumentLinks documentLinks,
                     RegistryService registry) {
        this.tenders = tenders;
        this.tenderService = tenderService;
        this.documentLinks = documentLinks;
        this.registry = registry;
    }

    @Override
    @Transactional(readOnly = true)
    public List<DashboardSection> sections(DashboardViewer viewer) {
        List<Tender> all = tenders.findAll(Sort.by("unitCode", "attempt")).stream()
                .filter(t -> viewer.seesUnit(t.getUnitCode())).toList();
        Map<TenderStatus, Long> byStatus = new EnumMap<>(TenderStatus.class);
        Map<String, Long> disqualifiedByRule = new TreeMap<>();
        Map<String, Long> failedByRule = new TreeMap<>();
        long bidCount = 0;
        long qualifiedCount = 0;
        BigDecimal awarded = BigDecimal.ZERO;
        List<List<Cell>> rows = new ArrayList<>();
        for (Tender tender : all) {
            byStatus.merge(tender.getStatus(), 1L, Long::sum);
            tender.getViolations().stream().map(Tender.Violation::ruleId).distinct()
                    .forEach(rule -> failedByRule.merge(rule, 1L, Long::sum));
            List<Bid> bids = tenderService.bids(tender);
            bidCount += bids.size();
            boolean sealed = tender.sealedAt(ShanghaiTime.now());
            long qualified = bids.stream().filter(b -> Boolean.TRUE.equals(b.getQualified())).count();
            qualifiedCount += qualified;
            if (!sealed) {
                bids.forEach(b -> b.ruleViolationList().forEach(rule -> disqualifiedByRule.merge(rule, 1L, Long::sum)));
            }
            BigDecimal winningAmount = tender.getWinningOrg() == null ? null : bids.stream()
                    .filter(b -> b.getOrganizationCode().equals(tender.getWinningOrg())).findFirst()
                    .map(Bid::getAmount).orElse(null);
            if (winningAmount != null && tender.getStatus() == TenderStatus.SIGNED) {
                awarded = awarded.add(winningAmount);
            }
            rows.add(List.of(
                    Cell.text(tender.getTenderId()),
                    Cell.text(tender.getUnitName() + (tender.getKind() == TenderKind.EVALUATOR ? "（第三方评估）" : "")),
                    Cell.text(STATUS_TEXT.get(tender.getStatus())),
                    Cell.text(DashboardLinks.date(tender.getBidDeadline())),
                    Cell.text(sealed ? bids.size() + "（密封）" : bids.size() + "（合格 " + qualified + "）"),
                    Cell.text(tender.getWinningOrg() == null ? "—" : organizationName(tender.getWinningOrg())),
                    Cell.text(DashboardLinks.yuan(winningAmount)),
                    Cell.text(tender.getRuleViolations().isEmpty() ? "—" : tender.getRuleViolations()),
                    Cell.links(documentLinks.of(tender.getProcessInstanceId()))));
        }
        if (all.isEmpty()) {
            return List.of(new DashboardSection(ORDER, TITLE, "暂无招标", List.of(), List.of(), List.of(), List.of()));
        }
        List<Figure> figures = List.of(
                Figure.of("招标", all.size()),
                Figure.of("已签约", byStatus.getOrDefault(TenderStatus.SIGNED, 0L)),
                Figure.of("流标/废标", byStatus.getOrDefault(TenderStatus.FAILED, 0L)),
                Figure.of("投标", bidCount),
                Figure.of("资格合格投标", qualifiedCount),
                new Figure("签约金额", DashboardLinks.yuan(awarded), "元，按中标价"));
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("招标（按状态）", Chart.Kind.BARS, STATUS_TEXT.entrySet().stream()
                .map(e -> new Bar(e.getValue(), byStatus.getOrDefault(e.getKey(), 0L))).toList()));
        charts.add(new Chart("资格审查不合格投标（按规则）", Chart.Kind.BARS, disqualifiedByRule.entrySet().stream()
                .map(e -> new Bar(e.getKey(), e.getValue())).toList()));
        if (!failedByRule.isEmpty()) {
            charts.add(new Chart("招标本身违反规则（按规则）", Chart.Kind.BARS, failedByRule.entrySet().stream()
                    .map(e -> new Bar(e.getKey(), e.getValue())).toList()));
        }
        return List.of(new DashboardSection(ORDER, TITLE, "苏州市社区服务社会化试点：按街道打包招标，投标截止前投标密封",
                figures, charts, List.of(new DashboardSection.Table("招标明细", List.of("招标编号", "采购单元", "状态",
                        "投标截止", "投标数", "中标机构", "中标金额（元）", "违反规则", "文书与流程"), rows)),
                List.of(DashboardLinks.processes("在 Cockpit 中查看全部流程"))));
    }


    private String organizationName(String code) {
        return registry.findOrganization(code).map(Organization::getName).orElse(code);
    }
}
