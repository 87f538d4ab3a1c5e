package org.civicflow.application;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.civicflow.call.CallRound;
import org.civicflow.call.CallService;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's view of each call round (房山): how many applied, how many were rejected and under which
 * rule ids, declined, funded (and for how much), still in review; each application with its notices and its
 * instance in Cockpit. Lives here because applications are this module's data and it already knows the calls.
 */
@Component
class RoundsDashboard implements DashboardContributor {

    static final int ORDER = 10;
    static final String TITLE = "项目征集与申报";

    private static final Map<ApplicationStatus, String> STATUS_TEXT = new EnumMap<>(Map.of(
            ApplicationStatus.SUBMITTED, "已提交", ApplicationStatus.IN_REVIEW, "评审中",
            ApplicationStatus.REJECTED, "已驳回", ApplicationStatus.DECLINED, "未立项",
            ApplicationStatus.FUNDED, "已立项"));

    private final CallService calls;
    private final ApplicationService applications;
    private final DocumentLinks documentLinks;
    private final RegistryService registry;

    RoundsDashboard(CallService calls, ApplicationService applications, DocumentLinks documentLinks,
                    RegistryService registry) {
        this.calls = calls;
        this.applications = applications;
        this.documentLinks = documentLinks;
        this.registry = registry;
    }

    @Override
    @Transactional(readOnly = true)
    public List<DashboardSection> sections(DashboardViewer viewer) {
        if (!viewer.seesCalls()) {
            return List.of();
        }
        List<CallRound> rounds = calls.rounds();
        if (rounds.isEmpty()) {
            return List.of(new DashboardSection(ORDER, TITLE, "暂无征集轮次", List.of(), List.of(), List.of(),
                    List.of()));
        }
        List<DashboardSection> sections = new ArrayList<>();
        for (CallRound round : rounds) {
            sections.add(section(round));
        }
        return sections;
    }

    private DashboardSection section(CallRound round) {
        List<ProjectApplication> all = applications.ofCall(round.getCallId());
        Map<ApplicationStatus, Long> byStatus = new EnumMap<>(ApplicationStatus.class);
        Map<String, Long> byRule = new TreeMap<>();
        BigDecimal granted = BigDecimal.ZERO;
        for (ProjectApplication application : all) {
            byStatus.merge(application.getStatus(), 1L, Long::sum);
            if (application.getStatus() == ApplicationStatus.REJECTED) {
                // each rule counts once per application, however many facts broke it
                application.getViolations().stream().map(ProjectApplication.Violation::ruleId).distinct()
                        .forEach(rule -> byRule.merge(rule, 1L, Long::sum));
            }
            if (application.getGrantedAmount() != null) {
                granted = granted.add(application.getGrantedAmount());
            }
        }
        long inProgress = count(byStatus, ApplicationStatus.SUBMITTED) + count(byStatus, ApplicationStatus.IN_REVIEW);

        List<Figure> figures = List.of(
                Figure.of("申报", all.size()),
                Figure.of("已驳回", count(byStatus, ApplicationStatus.REJECTED)),
                Figure.of("未立项", count(byStatus, ApplicationStatus.DECLINED)),
                new Figure("已立项", String.valueOf(count(byStatus, ApplicationStatus.FUNDED)),
                        "资助 " + DashboardLinks.yuan(granted) + " 元"),
                Figure.of("审查、评审中", inProgress));

        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("申报结果", Chart.Kind.STACKED, List.of(
                new Bar("已立项", count(byStatus, ApplicationStatus.FUNDED)),
                new Bar("审查、评审中", inProgress),
                new Bar("未立项", count(byStatus, ApplicationStatus.DECLINED)),
                new Bar("已驳回", count(byStatus, ApplicationStatus.REJECTED)))));
        charts.add(new Chart("驳回申报（按规则）", Chart.Kind.BARS,
                byRule.entrySet().stream().map(e -> new Bar(e.getKey(), e.getValue())).toList()));

        List<List<Cell>> ruleRows = byRule.entrySet().stream().map(e -> List.of(Cell.text(e.getKey()),
                Cell.text(e.getValue()), Cell.text(ruleText(e.getKey())))).toList();
        List<List<Cell>> rows = new ArrayList<>();
        for (ProjectApplication application : all) {
            rows.add(List.of(
                    Cell.text(application.getApplicationId()),
                    Cell.text(application.getProjectTitle()),
                    Cell.text(organizationName(application.getOrganizationCode())),
                    Cell.text(STATUS_TEXT.get(application.getStatus())),
                    Cell.text(application.getRuleViolations().isEmpty() ? "—" : application.getRuleViolations()),
                    Cell.text(DashboardLinks.yuan(application.getGrantedAmount())),
                    Cell.links(documentLinks.of(application.getProcessInstanceId()))));
        }

        String subtitle = round.getCallId() + " · " + round.getDistrict() + " · 申报截止 "
                + ShanghaiTime.chineseDeadline(round.getSubmissionDeadline()) + " · 项目完成 "
                + ShanghaiTime.chineseDeadline(round.getCompletionDeadline()) + " · " + statusText(round);
        return new DashboardSection(ORDER, TITLE + "：" + round.getTitle(), subtitle, figures, charts, List.of(
                new DashboardSection.Table("驳回原因（按规则编号）", List.of("规则", "驳回申报数", "规则内容"), ruleRows),
                new DashboardSection.Table("申报明细", List.of("申报编号", "项目名称", "申报单位", "状态", "违反规则",
                        "资助金额（元）", "文书与流程"), rows)),
                documentLinks.of(round.getProcessInstanceId()));
    }


    private String organizationName(String code) {
        return registry.findOrganization(code).map(Organization::getName).orElse(code);
    }

    private static String ruleText(String ruleId) {
        try {
            return FangshanRule.byId(ruleId).text();
        } catch (IllegalArgumentException unknown) {
            return "";
        }
    }

    private static String statusText(CallRound round) {
        return switch (round.getStatus()) {
            case OPEN -> "征集中";
            case CLOSED -> "已截止";
            case COMPLETED -> "已完成";
        };
    }

    private static long count(Map<ApplicationStatus, Long> counts, ApplicationStatus status) {
        return counts.getOrDefault(status, 0L);
    }
}
