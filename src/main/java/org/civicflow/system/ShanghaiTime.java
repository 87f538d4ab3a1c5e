package org.civicflow.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Every deadline is an instant in Asia/Shanghai, whatever the server's zone. "Now" is the engine's
 * clock, so that tests that move the engine clock move the whole application.
 */
public final class ShanghaiTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private ShanghaiTime() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }

    /**
     * Reads a deadline as users and clients give it: an ISO-8601 instant with offset, a local date-time
     * (taken in Asia/Shanghai, as Tasklist sends it), a {@link Date}, or a bare date, which means the end
     * of that day (2020-02-07 = 2020年2月7日24时 = 2020-02-08T00:00+08:00).
     */
    public static Optional<Instant> parseDeadline(Object value) {
        if (value instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed).atZone(ZONE).toInstant());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(trimmed).plusDays(1).atStartOfDay(ZONE).toInstant());
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }

    /** ISO-8601 with the +08:00 offset: the form deadlines take in process variables and timers. */
    public static String iso(Instant instant) {
        return instant.atZone(ZONE).toOffsetDateTime().toString();
    }

    /** For notices: 2020年2月8日 00:00. */
    public static String chinese(Instant instant) {
        return CHINESE.format(instant.atZone(ZONE));
    }

    public static String chineseDate(LocalDate date) {
        return CHINESE_DATE.format(date);
    }

    /**
     * For notices, a deadline at midnight reads as the end of the previous day, as the documents say it:
     * 2020-02-08T00:00+08:00 → 2020年2月7日24时.
     */
    public static String chineseDeadline(Instant instant) {
        var local = instant.atZone(ZONE);
        if (local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return CHINESE_DATE.format(local.minusDays(1)) + "24时";
        }
        return CHINESE.format(local);
    }
}
