package org.civicflow.contract;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * SZ-07: a contract's reporting periods. Each ends at a calendar quarter's end (31 March, 30 June, 30
 * September, 31 December) or at the end of service, whichever is first; the first starts with the service.
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
            LocalDate quarterEnd = quarterEnd(start);
            LocalDate end = quarterEnd.isBefore(serviceEnd) ? quarterEnd : serviceEnd;
            int year = contractYear(serviceStart, end);
            boolean yearEnd = end.equals(serviceEnd) || contractYear(serviceStart, end.plusDays(1)) > year;
            periods.add(new ReportingPeriod(sequence++, start, end, year, yearEnd));
            start = end.plusDays(1);
        }
        return periods;
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
