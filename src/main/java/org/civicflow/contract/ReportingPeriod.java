package org.civicflow.contract;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * SZ-07: a contract's reporting periods. Each ends at a calendar quarter's end (31 March, 30 June, 30
 * September, 31 December), at the end of a contract year or at the end of service, whichever is first; the
 * first starts with the service. A service starting 2018-08-15 thus reports for 2019-07-01 … 2019-08-14 and
 * 2019-08-15 … 2019-09-30 separately, and year 1's assessment follows the first.
 *
 * @param sequence     1, 2, … in order
 * @param contractYear 1 for the first twelve months of service, 2 for the next …
 * @param yearEnd      the period closes a contract year (or the service): the annual assessment follows (SZ-09)
 */
record ReportingPeriod(int sequence, LocalDate start, LocalDate end, int contractYear, boolean yearEnd) {

    static List<ReportingPeriod> of(LocalDate serviceStart, LocalDate serviceEnd) {
        List<ReportingPeriod> periods = new ArrayList<>();
        LocalDate start = serviceStart;
        int sequence = 1;
        while (!start.isAfter(serviceEnd)) {
            int year = contractYear(serviceStart, start);
            // a period never spans two contract years, so every year's figures and assessment are its own
            LocalDate yearLastDay = serviceStart.plusYears(year).minusDays(1);
            LocalDate end = earliest(quarterEnd(start), yearLastDay, serviceEnd);
            boolean yearEnd = end.equals(serviceEnd) || end.equals(yearLastDay);
            periods.add(new ReportingPeriod(sequence++, start, end, year, yearEnd));
            start = end.plusDays(1);
        }
        return periods;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b, LocalDate c) {
        LocalDate min = a.isBefore(b) ? a : b;
        return min.isBefore(c) ? min : c;
    }

    private static LocalDate quarterEnd(LocalDate date) {
        int quarter = date.get(IsoFields.QUARTER_OF_YEAR);
        return LocalDate.of(date.getYear(), quarter * 3, 1).plusMonths(1).minusDays(1);
    }

    /** Year 1 covers the first twelve months from the service start, and so on. */
    static int contractYear(LocalDate serviceStart, LocalDate date) {
        int year = 1;
        while (!date.isBefore(serviceStart.plusYears(year))) {
            year++;
        }
        return year;
    }
}
