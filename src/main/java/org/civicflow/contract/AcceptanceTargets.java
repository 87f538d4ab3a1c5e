package org.civicflow.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.civicflow.contract.QuarterlyReport.CommunityFigures;
import org.civicflow.contract.ServiceContract.Shortfall;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Component;

/**
 * Final acceptance against the targets, from the submitted quarterly reports: SZ-10 (street level), SZ-11
 * (per community per contract year), SZ-12 (communities covered) and SZ-08 (joint meetings) for a 苏州 unit;
 * FS-11 (completion date, beneficiaries promised, catalog indicators) for a 房山 project. Every target checked
 * counts once; every target missed becomes a shortfall with its rule id and the figures behind it.
 */
@Component
class AcceptanceTargets {

    /** What was checked: the shortfalls and how many targets were looked at (payment uses the share met). */
    record Result(List<Shortfall> shortfalls, int checked, List<String> summary) {
    }

    private static final class Collector {
        final List<Shortfall> shortfalls = new ArrayList<>();
        final List<String> summary = new ArrayList<>();
        int checked;

        void check(boolean met, String ruleId, String fact) {
            checked++;
            summary.add((met ? "✓ " : "✗ ") + ruleId + " " + fact);
            if (!met) {
                shortfalls.add(new Shortfall(ruleId, fact));
            }
        }

        Result result() {
            return new Result(List.copyOf(shortfalls), checked, List.copyOf(summary));
        }
    }

    Result check(ServiceContract contract, List<QuarterlyReport> reports, RoundPolicy policy) {
        Collector c = new Collector();
        if (contract.getKind() == ContractKind.PILOT_UNIT) {
            streetTargets(reports, policy, c);
            communityTargets(contract, reports, policy, c);
            meetings(contract, reports, policy, c);
        } else {
            projectTargets(contract, reports, c);
        }
        return c.result();
    }

    /** FS-11: the catalog item's indicators the evaluator found met (numbered from 1). */
    Result indicators(ServiceContract contract, Set<Integer> met) {
        Collector c = new Collector();
        List<String> indicators = contract.indicatorList();
        for (int i = 0; i < indicators.size(); i++) {
            c.check(met.contains(i + 1), "FS-11", "项目评估指标" + (i + 1) + "：" + indicators.get(i)
                    + (met.contains(i + 1) ? "（已达成）" : "（未达成）"));
        }
        return c.result();
    }

    private static void streetTargets(List<QuarterlyReport> reports, RoundPolicy policy, Collector c) {
        int persons = reports.stream().mapToInt(QuarterlyReport::getPersonsServed).sum();
        int cases = reports.stream().mapToInt(QuarterlyReport::getCaseServed).sum();
        int fromList = reports.stream().mapToInt(QuarterlyReport::getServedFromStreetList).sum();
        int minPersons = policy.intThreshold("minPersonsServed");
        c.check(persons >= minPersons, "SZ-10", "服务人数（户）" + persons + "，要求不少于" + minPersons);
        int caseShare = policy.intThreshold("minCaseSharePercent");
        c.check(persons > 0 && cases * 100L >= (long) caseShare * persons, "SZ-10",
                "个案或个案管理" + cases + "人，占服务人数" + percent(cases, persons) + "，要求不低于" + caseShare + "%");
        Set<PopulationCategory> categories = EnumSet.noneOf(PopulationCategory.class);
        reports.forEach(r -> categories.addAll(categories(r.getPopulationCategories())));
        int minCategories = policy.intThreshold("minPopulationCategories");
        c.check(categories.size() >= minCategories, "SZ-10", "服务困境人群" + categories.size() + "类（"
                + categories.stream().map(PopulationCategory::chinese).collect(Collectors.joining("、"))
                + "），要求不少于" + minCategories + "类");
        int listShare = policy.intThreshold("minStreetListSharePercent");
        c.check(persons > 0 && fromList * 100L >= (long) listShare * persons, "SZ-10",
                "来自街道名单的服务对象" + fromList + "人，占" + percent(fromList, persons) + "，要求不低于" + listShare + "%");
        int minTrainings = policy.intThreshold("minTrainingsPerYear");
        BigDecimal minHours = policy.threshold("minTrainingHoursPerYear");
        for (int year : years(reports)) {
            List<QuarterlyReport> ofYear = reports.stream().filter(r -> r.getContractYear() == year).toList();
            int sessions = ofYear.stream().mapToInt(QuarterlyReport::getTrainingSessions).sum();
            BigDecimal hours = ofYear.stream().map(QuarterlyReport::getTrainingHours).reduce(BigDecimal.ZERO, BigDecimal::add);
            c.check(sessions >= minTrainings, "SZ-10", "第" + year + "合同年度社区工作者培训" + sessions + "次，要求不少于"
                    + minTrainings + "次");
            c.check(hours.compareTo(minHours) >= 0, "SZ-10", "第" + year + "合同年度培训" + hours.stripTrailingZeros()
                    .toPlainString() + "小时，要求不少于" + minHours.stripTrailingZeros().toPlainString() + "小时");
        }
    }

    private static void communityTargets(ServiceContract contract, List<QuarterlyReport> reports, RoundPolicy policy,
                                         Collector c) {
        int minFiles = policy.intThreshold("minHouseholdFilesPerCommunity");
        int hardshipShare = policy.intThreshold("minHardshipSharePercent");
        int minStudies = policy.intThreshold("minStudiesPerCommunity");
        int minTeams = policy.intThreshold("minVolunteerTeams");
        int minVolunteers = policy.intThreshold("minVolunteers");
        BigDecimal minFund = policy.threshold("minCommunityFundYuan");
        Set<String> covered = new LinkedHashSet<>();
        for (String community : contract.getCommunities()) {
            for (int year : years(reports)) {
                List<CommunityFigures> figures = reports.stream().filter(r -> r.getContractYear() == year)
                        .flatMap(r -> r.getCommunityFigures().stream())
                        .filter(f -> f.community().equals(community)).toList();
                String where = community + "第" + year + "合同年度";
                int files = figures.stream().mapToInt(CommunityFigures::householdFiles).sum();
                int hardship = figures.stream().mapToInt(CommunityFigures::hardshipFiles).sum();
                if (files > 0) {
                    covered.add(community);
                }
                c.check(files >= minFiles, "SZ-11", where + "居民家庭需求档案" + files + "份，要求不少于" + minFiles + "份");
                c.check(files > 0 && hardship * 100L >= (long) hardshipShare * files, "SZ-11", where + "困境家庭档案"
                        + hardship + "份，占" + percent(hardship, files) + "，要求不低于" + hardshipShare + "%");
                c.check(figures.stream().anyMatch(CommunityFigures::resourceMap), "SZ-11", where
                        + "社区资源库和资源图" + (figures.stream().anyMatch(CommunityFigures::resourceMap) ? "已" : "未") + "建立或更新");
                int studies = figures.stream().mapToInt(CommunityFigures::studies).sum();
                c.check(studies >= minStudies, "SZ-11", where + "社会工作研究" + studies + "项，要求不少于" + minStudies + "项");
                int teams = figures.stream().mapToInt(CommunityFigures::volunteerTeams).max().orElse(0);
                int volunteers = figures.stream().mapToInt(CommunityFigures::volunteers).max().orElse(0);
                c.check(teams >= minTeams && volunteers >= minVolunteers, "SZ-11", where + "志愿者队伍" + teams + "支、"
                        + volunteers + "人，要求不少于" + minTeams + "支、" + minVolunteers + "人");
                int governance = figures.stream().mapToInt(CommunityFigures::governanceItems).sum();
                c.check(governance >= 1, "SZ-11", where + "社区环境治理" + governance + "项，要求不少于1项");
                int platforms = figures.stream().mapToInt(CommunityFigures::platforms).sum();
                c.check(platforms >= 1, "SZ-11", where + "社区公益平台" + platforms + "个，要求不少于1个");
                BigDecimal fund = figures.stream().map(CommunityFigures::communityFund).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (fund.signum() > 0) {
                    c.check(fund.compareTo(minFund) >= 0, "SZ-11", where + "社区公益金" + fund.stripTrailingZeros()
                            .toPlainString() + "元，设立的不少于" + minFund.stripTrailingZeros().toPlainString() + "元");
                }
                int network = figures.stream().mapToInt(CommunityFigures::networkItems).sum();
                c.check(network >= 1, "SZ-11", where + "社区关系网络建设" + network + "项，要求不少于1项");
            }
        }
        int minCommunities = policy.intThreshold("minCommunities");
        c.check(covered.size() >= minCommunities, "SZ-12", "实际开展服务的社区" + covered.size() + "个（"
                + String.join("、", covered) + "），要求不少于" + minCommunities + "个");
    }

    private static void meetings(ServiceContract contract, List<QuarterlyReport> reports, RoundPolicy policy,
                                 Collector c) {
        LocalDate start = contract.getServiceStart();
        LocalDate end = contract.getServiceEnd().plusDays(1);
        long months = ChronoUnit.MONTHS.between(start, end);
        long weeks = ChronoUnit.WEEKS.between(start, end);
        long street = reports.stream().mapToInt(QuarterlyReport::getStreetMeetings).sum();
        long community = reports.stream().mapToInt(QuarterlyReport::getCommunityMeetings).sum();
        long minStreet = months * policy.intThreshold("minStreetMeetingsPerMonth");
        long minCommunity = weeks * policy.intThreshold("minCommunityMeetingsPerWeek") * contract.getCommunities().size();
        c.check(street >= minStreet, "SZ-08", "街道联席会议" + street + "次，服务期" + months + "个月应不少于" + minStreet + "次");
        c.check(community >= minCommunity, "SZ-08", "社区联席会议" + community + "次，服务期" + weeks + "周、"
                + contract.getCommunities().size() + "个社区应不少于" + minCommunity + "次");
    }

    private static void projectTargets(ServiceContract contract, List<QuarterlyReport> reports, Collector c) {
        LocalDate completedOn = reports.stream().map(QuarterlyReport::getCompletedOn).filter(d -> d != null)
                .max(LocalDate::compareTo).orElse(null);
        String due = ShanghaiTime.chineseDate(contract.getServiceEnd());
        c.check(completedOn != null && !completedOn.isAfter(contract.getServiceEnd()), "FS-11", completedOn == null
                ? "季度报告未报告项目完成日期，项目应于" + due + "前完成"
                : "项目于" + ShanghaiTime.chineseDate(completedOn) + "完成，要求" + due + "前完成");
        int persons = reports.stream().mapToInt(QuarterlyReport::getPersonsServed).sum();
        int min = contract.getMinBeneficiaries() == null ? 0 : contract.getMinBeneficiaries();
        c.check(persons >= min, "FS-11", "服务受益" + persons + "人，申报承诺不少于" + min + "人");
    }

    static Set<PopulationCategory> categories(String text) {
        Set<PopulationCategory> out = EnumSet.noneOf(PopulationCategory.class);
        if (text != null && !text.isBlank()) {
            Arrays.stream(text.split(",")).map(PopulationCategory::parse).forEach(p -> p.ifPresent(out::add));
        }
        return out;
    }

    private static Set<Integer> years(List<QuarterlyReport> reports) {
        return reports.stream().map(QuarterlyReport::getContractYear).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String percent(long part, long whole) {
        if (whole == 0) {
            return "0%";
        }
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }
}
