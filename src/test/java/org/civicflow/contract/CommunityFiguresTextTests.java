package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;

import org.civicflow.contract.CommunityFiguresText.Problem;
import org.civicflow.contract.CommunityFiguresText.Result;
import org.civicflow.contract.QuarterlyReport.CommunityFigures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SZ-11: the per-community lines of a quarterly report as staff type them (pure, no Spring). */
class CommunityFiguresTextTests {

    static final List<String> COMMUNITIES = List.of("南环新村", "竹辉", "友新", "桂花", "沧浪新城");

    private static Result parse(String text) {
        return CommunityFiguresText.parse(text, COMMUNITIES);
    }

    private static CommunityFigures only(Result result) {
        assertThat(result.problems()).isEmpty();
        assertThat(result.figures()).hasSize(1);
        return result.figures().get(0);
    }

    @Test
    @DisplayName("SZ-11: the prefilled template reads back as every community with zeros")
    void sz11_templateRoundTripsThroughParse() {
        String template = CommunityFiguresText.template(COMMUNITIES);

        assertThat(template.lines()).hasSize(5);
        assertThat(template).startsWith("南环新村：需求档案 0，困境家庭档案 0，资源图 否，");
        Result result = parse(template);
        assertThat(result.problems()).isEmpty();
        assertThat(result.figures()).extracting(CommunityFigures::community).containsExactlyElementsOf(COMMUNITIES);
        assertThat(result.figures()).allSatisfy(f -> assertThat(f).isEqualTo(new CommunityFigures(f.community(), 0, 0,
                false, 0, 0, 0, 0, 0, new BigDecimal("0.00"), 0)));
    }

    @Test
    void sz11_formattedFiguresRoundTripThroughParse() {
        CommunityFigures figures = new CommunityFigures("竹辉", 160, 120, true, 1, 2, 55, 1, 1,
                new BigDecimal("30000.50"), 3);
        String line = CommunityFiguresText.format(figures);

        assertThat(line).isEqualTo("竹辉：需求档案 160，困境家庭档案 120，资源图 是，调研 1，志愿者队伍 2，志愿者 55，环境治理 1，"
                + "公益平台 1，社区公益金 30000.5，关系网络 3");
        assertThat(only(parse(line))).isEqualTo(figures);
    }

    @Test
    void sz11_asciiColonsCommasAndSemicolonsAreAccepted() {
        CommunityFigures f = only(parse("友新:需求档案 40,困境家庭档案=30;资源图:是, 志愿者队伍 2 ，志愿者 50；社区公益金 30000"));

        assertThat(f).isEqualTo(new CommunityFigures("友新", 40, 30, true, 0, 2, 50, 0, 0, new BigDecimal("30000.00"), 0));
    }

    @Test
    void sz11_chineseColonAndFullWidthEqualsInItemsAreAccepted() {
        CommunityFigures f = only(parse("桂花：需求档案：12，困境家庭档案＝9，调研 1"));

        assertThat(f.householdFiles()).isEqualTo(12);
        assertThat(f.hardshipFiles()).isEqualTo(9);
        assertThat(f.studies()).isEqualTo(1);
    }

    @Test
    void sz11_missingItemsCountAsZeroAndBlankLinesAreSkipped() {
        Result result = parse("\n竹辉：需求档案 5\n\n   \n桂花：调研 2\n");

        assertThat(result.problems()).isEmpty();
        assertThat(result.figures()).extracting(CommunityFigures::community, CommunityFigures::householdFiles,
                CommunityFigures::studies, CommunityFigures::resourceMap, CommunityFigures::communityFund)
                .containsExactly(tuple("竹辉", 5, 0, false, BigDecimal.ZERO), tuple("桂花", 0, 2, false, BigDecimal.ZERO));
    }

    @Test
    void sz11_blankOrNullTextIsNoFiguresAndNoProblem() {
        assertThat(parse(null).figures()).isEmpty();
        assertThat(parse(null).problems()).isEmpty();
        assertThat(parse("  \n ").figures()).isEmpty();
        assertThat(parse("  \n ").problems()).isEmpty();
    }

    @Test
    void sz11_unknownCommunityIsAProblemNamingItAndTheContractsCommunities() {
        Result result = parse("竹辉：需求档案 5\n平江：需求档案 40");

        assertThat(result.figures()).extracting(CommunityFigures::community).containsExactly("竹辉");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("“平江”不是本合同的服务社区").contains("南环新村、竹辉、友新、桂花、沧浪新城");
        });
    }

    @Test
    void sz11_duplicateCommunityIsAProblemAndTheFirstLineCounts() {
        Result result = parse("竹辉：需求档案 5\n竹辉：需求档案 99");

        assertThat(result.figures()).singleElement().satisfies(f -> assertThat(f.householdFiles()).isEqualTo(5));
        assertThat(result.problems()).containsExactly(new Problem(2, "“竹辉”重复填写"));
    }

    @Test
    void sz11_lineWithoutCommunityIsAProblem() {
        assertThat(parse("需求档案 5").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("社区名"));
        assertThat(parse("：需求档案 5").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("须以“社区名：”开头"));
    }

    @Test
    void sz11_unknownLabelIsAProblemListingTheLabels() {
        Result result = parse("竹辉：需求档案 5，党建活动 3");

        assertThat(result.figures()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("无法识别“党建活动 3”").contains("需求档案", "社区公益金", "关系网络");
        });
    }

    @Test
    void sz11_nonIntegerCountIsAProblem() {
        assertThat(parse("竹辉：需求档案 四十").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("需求档案必须是整数，“四十”不是"));
        assertThat(parse("竹辉：志愿者 5.5").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("志愿者必须是整数，“5.5”不是"));
        assertThat(parse("竹辉：调研 -1").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("调研必须在0到10000000之间"));
        assertThat(parse("竹辉：调研 -1").figures()).isEmpty();
    }

    @Test
    void sz11_moreHardshipFilesThanHouseholdFilesIsAProblem() {
        Result result = parse("竹辉：需求档案 30，困境家庭档案 31\n友新：需求档案 30，困境家庭档案 30");

        assertThat(result.figures()).extracting(CommunityFigures::community).containsExactly("友新");
        assertThat(result.problems()).containsExactly(new Problem(1, "困境家庭档案不能多于需求档案"));
    }

    @Test
    void sz11_resourceMapIsYesOrNo() {
        assertThat(only(parse("竹辉：资源图 是")).resourceMap()).isTrue();
        assertThat(only(parse("竹辉：资源图 1")).resourceMap()).isTrue();
        assertThat(only(parse("竹辉：资源图 否")).resourceMap()).isFalse();
        assertThat(only(parse("竹辉：资源图 0")).resourceMap()).isFalse();
        assertThat(parse("竹辉：资源图 有").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("资源图须填“是”或“否”"));
    }

    @Test
    void sz11_communityFundIsAnAmountWithAtMostTwoDecimals() {
        assertThat(only(parse("竹辉：社区公益金 30000.5")).communityFund()).isEqualByComparingTo("30000.50");
        assertThat(only(parse("竹辉：社区公益金 12345.67")).communityFund()).isEqualTo(new BigDecimal("12345.67"));
        assertThat(parse("竹辉：社区公益金 100.123").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("最多两位小数"));
        assertThat(parse("竹辉：社区公益金 三万").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("社区公益金必须是金额（元），“三万”不是"));
        assertThat(parse("竹辉：社区公益金 -5").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("0到1000000000元"));
    }

    @Test
    void sz11_everyBadLineIsReportedWithItsLineNumber() {
        Result result = parse("竹辉：需求档案 x\n友新：需求档案 10\n平江：需求档案 1\n桂花：资源图 也许");

        assertThat(result.figures()).extracting(CommunityFigures::community).containsExactly("友新");
        assertThat(result.problems()).extracting(Problem::line).containsExactly(1, 3, 4);
    }
}
