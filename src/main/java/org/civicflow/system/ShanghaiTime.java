package org.civicflow.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Every deadline is an instant in Asia/Shanghai, whatever the server's zone. "Now" is the engine's
 * clock, so that tests that move the engine clock move the whole application.
 */
public final class ShanghaiTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ShanghaiTime() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }
}
