package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SZ-07 / SZ-09 / SZ-15 / FS-11: a contract's reporting periods and contract years (pure, no Spring). */
class ReportingPeriodTests {

    private static List<ReportingPeriod> periods(String start, String end) {
        return ReportingPeriod.of(LocalDate.parse(start), LocalDate.parse(end));
    }

    @Test
    @DisplayName("SZ-15: the 苏州 service period 2018-07-01 … 2020-06-30 has 8 quarters, two contract years")
    void sz15_twoYearPilotHasEightQuartersInTwoContractYears() {
        List<ReportingPeriod> periods = periods("2018-07-01", "2020-06-30");

        assertThat(periods).extracting(ReportingPeriod::sequence, p -> p.start().toString(), p -> p.end().toString(),
                ReportingPeriod::contractYear, ReportingPeriod::yearEnd).containsExactly(
                tuple(1, "2018-07-01", "2018-09-30", 1, false),
                tuple(2, "2018-10-01", "2018-12-31", 1, false),
                tuple(3, "2019-01-01", "2019-03-31", 1, false),
                tuple(4, "2019-04-01", "2019-06-30", 1, true),
                tuple(5, "2019-07-01", "2019-09-30", 2, false),
                tuple(6, "2019-10-01", "2019-12-31", 2, false),
                tuple(7, "2020-01-01", "2020-03-31", 2, false),
                tuple(8, "2020-04-01", "2020-06-30", 2, true));
    }

    @Test
    @DisplayName("FS-11: a 房山 project 2020-04-15 … 2020-12-10 has 3 periods, the last ending on the completion date")
    void fs11_fangshanProjectPeriodsEndAtTheCompletionDate() {
        List<ReportingPeriod> periods = periods("2020-04-15", "2020-12-10");

        assertThat(periods).extracting(ReportingPeriod::sequence, p -> p.start().toString(), p -> p.end().toString(),
                ReportingPeriod::contractYear, ReportingPeriod::yearEnd).containsExactly(
                tuple(1, "2020-04-15", "2020-06-30", 1, false),
                tuple(2, "2020-07-01", "2020-09-30", 1, false),
                tuple(3, "2020-10-01", "2020-12-10", 1, true));
    }

    @Test
    @DisplayName("SZ-07: a service starting on a quarter's last day gets a one-day first period")
    void sz07_startOnAQuartersLastDayGivesAOneDayFirstPeriod() {
        List<ReportingPeriod> periods = periods("2018-06-30", "2018-12-31");

        assertThat(periods).extracting(p -> p.start().toString(), p -> p.end().toString()).containsExactly(
                tuple("2018-06-30", "2018-06-30"),
                tuple("2018-07-01", "2018-09-30"),
                tuple("2018-10-01", "2018-12-31"));
        assertThat(periods).extracting(ReportingPeriod::contractYear).containsOnly(1);
        assertThat(periods).extracting(ReportingPeriod::yearEnd).containsExactly(false, false, true);
    }

    @Test
    @DisplayName("SZ-09: with a mid-quarter start every contract year still closes with one period (annual assessment)")
    void sz09_midQuarterStartStillClosesEveryContractYear() {
        // service from 2018-08-15 to 2020-08-14: year 1 ends on 2019-08-14, inside the 2019 Q3 period
        List<ReportingPeriod> periods = periods("2018-08-15", "2020-08-14");

        // the 2019 Q3 period is split at the year's end: year 1 reports to 08-14, year 2 from 08-15
        assertThat(periods).hasSize(10);
        assertThat(periods).extracting(p -> p.start().toString(), p -> p.end().toString(), ReportingPeriod::contractYear)
                .contains(tuple("2019-07-01", "2019-08-14", 1), tuple("2019-08-15", "2019-09-30", 2));
        assertThat(periods.stream().filter(ReportingPeriod::yearEnd).map(ReportingPeriod::contractYear))
                .as("one period closes each contract year, so SZ-09's assessment follows it: %s", periods)
                .containsExactly(1, 2);
    }

    @Test
    void sz09_contractYearCountsTwelveMonthsFromTheServiceStart() {
        LocalDate start = LocalDate.parse("2018-07-01");
        assertThat(ReportingPeriod.contractYear(start, LocalDate.parse("2018-07-01"))).isEqualTo(1);
        assertThat(ReportingPeriod.contractYear(start, LocalDate.parse("2019-06-30"))).isEqualTo(1);
        assertThat(ReportingPeriod.contractYear(start, LocalDate.parse("2019-07-01"))).isEqualTo(2);
        assertThat(ReportingPeriod.contractYear(start, LocalDate.parse("2020-06-30"))).isEqualTo(2);
    }

    @Test
    void sz07_aOneDayServiceHasOnePeriod() {
        assertThat(periods("2020-05-05", "2020-05-05")).singleElement()
                .satisfies(p -> {
                    assertThat(p.start()).isEqualTo(p.end()).isEqualTo(LocalDate.parse("2020-05-05"));
                    assertThat(p.yearEnd()).isTrue();
                });
    }

    @Test
    void sz07_periodsAreContiguousAndCoverTheWholeService() {
        List<ReportingPeriod> periods = periods("2018-07-01", "2020-06-30");
        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i).start()).isEqualTo(periods.get(i - 1).end().plusDays(1));
        }
        assertThat(periods.get(0).start()).isEqualTo(LocalDate.parse("2018-07-01"));
        assertThat(periods.get(periods.size() - 1).end()).isEqualTo(LocalDate.parse("2020-06-30"));
    }
}
