package org.civicflow.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civicflow.contract.QuarterlyReport.CommunityFigures;

/**
 * The per-community part of a quarterly report (SZ-11) as staff type it in Tasklist, one line per community:
 * {@code 南环新村社区：需求档案 160，困境家庭档案 120，资源图 是，调研 1，志愿者队伍 2，志愿者 55，环境治理 1，公益平台 1，社区公益金 30000，关系网络 1}.
 * The form is prefilled with every community of the contract and zeros, so staff only change numbers.
 */
final class CommunityFiguresText {

    static final String HOUSEHOLD_FILES = "需求档案";
    static final String HARDSHIP_FILES = "困境家庭档案";
    static final String RESOURCE_MAP = "资源图";
    static final String STUDIES = "调研";
    static final String VOLUNTEER_TEAMS = "志愿者队伍";
    static final String VOLUNTEERS = "志愿者";
    static final String GOVERNANCE = "环境治理";
    static final String PLATFORMS = "公益平台";
    static final String FUND = "社区公益金";
    static final String NETWORK = "关系网络";

    private static final List<String> LABELS = List.of(HOUSEHOLD_FILES, HARDSHIP_FILES, RESOURCE_MAP, STUDIES,
            VOLUNTEER_TEAMS, VOLUNTEERS, GOVERNANCE, PLATFORMS, FUND, NETWORK);
    private static final Pattern ITEM = Pattern.compile("^([^\\d=＝:：\\s]+)\\s*[=＝:：]?\\s*(\\S+)$");

    /** A line that failed to read, for a 400 naming the field and the line. */
    record Problem(int line, String message) {
    }

    record Result(List<CommunityFigures> figures, List<Problem> problems) {
    }

    private CommunityFiguresText() {
    }

    /** The prefilled template: every community with zeros. */
    static String template(List<String> communities) {
        List<String> lines = new ArrayList<>();
        for (String community : communities) {
            lines.add(format(CommunityFigures.empty(community)));
        }
        return String.join("\n", lines);
    }

    static String format(CommunityFigures f) {
        return f.community() + "：" + HOUSEHOLD_FILES + " " + f.householdFiles() + "，" + HARDSHIP_FILES + " "
                + f.hardshipFiles() + "，" + RESOURCE_MAP + " " + (f.resourceMap() ? "是" : "否") + "，" + STUDIES + " "
                + f.studies() + "，" + VOLUNTEER_TEAMS + " " + f.volunteerTeams() + "，" + VOLUNTEERS + " "
                + f.volunteers() + "，" + GOVERNANCE + " " + f.governanceItems() + "，" + PLATFORMS + " "
                + f.platforms() + "，" + FUND + " " + f.communityFund().stripTrailingZeros().toPlainString() + "，"
                + NETWORK + " " + f.networkItems();
    }

    /** Reads the lines; each community must be one of the contract's and appear at most once. */
    static Result parse(String text, List<String> communities) {
        List<CommunityFigures> figures = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new Result(figures, problems);
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            int colon = indexOfColon(line);
            if (colon <= 0) {
                problems.add(new Problem(lineNumber, "须以“社区名：”开头"));
                continue;
            }
            String community = line.substring(0, colon).strip();
            if (!communities.contains(community)) {
                problems.add(new Problem(lineNumber, "“" + community + "”不是本合同的服务社区（" + String.join("、", communities) + "）"));
                continue;
            }
            if (figures.stream().anyMatch(f -> f.community().equals(community))) {
                problems.add(new Problem(lineNumber, "“" + community + "”重复填写"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            boolean ok = true;
            for (String part : line.substring(colon + 1).split("[，,；;]")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                Matcher m = ITEM.matcher(item);
                if (!m.matches() || !LABELS.contains(m.group(1))) {
                    problems.add(new Problem(lineNumber, "无法识别“" + item + "”，可用项目：" + String.join("、", LABELS)));
                    ok = false;
                    continue;
                }
                values.put(m.group(1), m.group(2));
            }
            if (!ok) {
                continue;
            }
            try {
                figures.add(new CommunityFigures(community, count(values, HOUSEHOLD_FILES), count(values, HARDSHIP_FILES),
                        yes(values, RESOURCE_MAP), count(values, STUDIES), count(values, VOLUNTEER_TEAMS),
                        count(values, VOLUNTEERS), count(values, GOVERNANCE), count(values, PLATFORMS),
                        amount(values, FUND), count(values, NETWORK)));
                CommunityFigures last = figures.get(figures.size() - 1);
                if (last.hardshipFiles() > last.householdFiles()) {
                    figures.remove(figures.size() - 1);
                    problems.add(new Problem(lineNumber, HARDSHIP_FILES + "不能多于" + HOUSEHOLD_FILES));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(lineNumber, e.getMessage()));
            }
        }
        return new Result(figures, problems);
    }

    private static int indexOfColon(String line) {
        int full = line.indexOf('：');
        int half = line.indexOf(':');
        if (full < 0) {
            return half;
        }
        return half < 0 ? full : Math.min(full, half);
    }

    private static int count(Map<String, String> values, String label) {
        String value = values.get(label);
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > 10_000_000) {
                throw new IllegalArgumentException(label + "必须在0到10000000之间");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + "必须是整数，“" + value + "”不是");
        }
    }

    private static boolean yes(Map<String, String> values, String label) {
        String value = values.get(label);
        if (value == null || value.equals("否") || value.equals("0")) {
            return false;
        }
        if (value.equals("是") || value.equals("1")) {
            return true;
        }
        throw new IllegalArgumentException(label + "须填“是”或“否”");
    }

    private static BigDecimal amount(Map<String, String> values, String label) {
        String value = values.get(label);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() < 0 || amount.compareTo(new BigDecimal("1000000000")) > 0
                    || amount.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException(label + "须为0到1000000000元之间的金额，最多两位小数");
            }
            return amount.setScale(2);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + "必须是金额（元），“" + value + "”不是");
        }
    }
}
