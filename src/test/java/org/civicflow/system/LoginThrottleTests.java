package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle's rules on their own, with the engine clock moved by hand. */
class LoginThrottleTests {

    private static final String ATTACKER = "203.0.113.7";
    private static final String OFFICE = "198.51.100.20";

    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Limits.DEFAULT);
    private Instant now;

    @BeforeEach
    void stopTheClock() {
        now = Instant.parse("2025-03-03T02:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void aClientIsBlockedForOneUserAfterFiveFailuresAndTheBlockExpires() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("demo", ATTACKER);
            assertThat(throttle.blockedFor("demo", ATTACKER)).isEmpty();
        }
        throttle.failed("demo", ATTACKER);
        assertThat(throttle.blockedFor("demo", ATTACKER)).contains(Duration.ofMinutes(1));
        // that client only, and for that user only
        assertThat(throttle.blockedFor("demo", OFFICE)).isEmpty();
        assertThat(throttle.blockedFor("bureau1", ATTACKER)).isEmpty();
        // user ids are compared ignoring case
        assertThat(throttle.blockedFor("DEMO", ATTACKER)).isPresent();

        advance(Duration.ofSeconds(61));
        assertThat(throttle.blockedFor("demo", ATTACKER)).isEmpty();
        // every further failure doubles the block, up to 15 minutes
        throttle.failed("demo", ATTACKER);
        assertThat(throttle.blockedFor("demo", ATTACKER)).contains(Duration.ofMinutes(2));
        for (int i = 0; i < 6; i++) {
            advance(Duration.ofMinutes(16));
            throttle.failed("demo", ATTACKER);
        }
        assertThat(throttle.blockedFor("demo", ATTACKER)).contains(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessClearsTheClientsCountAndQuietTimeForgetsIt() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", OFFICE);
        }
        throttle.succeeded("alice", OFFICE);
        throttle.failed("alice", OFFICE);
        assertThat(throttle.blockedFor("alice", OFFICE)).isEmpty();

        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", OFFICE);
        }
        // four failures, then 15 quiet minutes: forgotten, five more are needed
        advance(Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", OFFICE);
        }
        assertThat(throttle.blockedFor("alice", OFFICE)).isEmpty();
    }

    @Test
    void passwordSprayingFromOneAddressBlocksThatAddressForAWhile() {
        throttle.succeeded("known", ATTACKER);
        // two tries for each of 15 users: no single pair reaches its limit
        for (int user = 0; user < 15; user++) {
            throttle.failed("user" + user, ATTACKER);
            throttle.failed("user" + user, ATTACKER);
        }
        assertThat(throttle.blockedFor("someone-else", ATTACKER)).contains(Duration.ofMinutes(15));
        assertThat(throttle.blockedAddresses()).singleElement()
                .satisfies(b -> assertThat(b.address()).isEqualTo(ATTACKER));
        // other addresses are not affected, nor a user who has logged in from that address before
        assertThat(throttle.blockedFor("someone-else", OFFICE)).isEmpty();
        assertThat(throttle.blockedFor("known", ATTACKER)).isEmpty();

        advance(Duration.ofMinutes(15));
        assertThat(throttle.blockedFor("someone-else", ATTACKER)).isEmpty();
        assertThat(throttle.blockedAddresses()).isEmpty();
    }

    @Test
    void aDistributedAttackLocksTheAccountTemporarilyButNotFromItsOwnAddress() {
        throttle.succeeded("demo", OFFICE);
        // 50 failures from 25 addresses, two each: no address and no pair reaches its limit
        for (int i = 0; i < 50; i++) {
            throttle.failed("demo", "192.0.2." + (i % 25));
        }
        assertThat(throttle.blockedFor("demo", "192.0.2.200")).contains(Duration.ofMinutes(15));
        assertThat(throttle.blockedFor("demo", "192.0.2.1")).contains(Duration.ofMinutes(15));
        // the address the user logged in from before still works
        assertThat(throttle.blockedFor("demo", OFFICE)).isEmpty();
        // other accounts are not affected
        assertThat(throttle.blockedFor("bureau1", "192.0.2.200")).isEmpty();
        assertThat(throttle.lockedUsers()).singleElement().satisfies(lock -> {
            assertThat(lock.userId()).isEqualTo("demo");
            assertThat(lock.lockedUntil()).isEqualTo(now.plus(Duration.ofMinutes(15)));
            assertThat(lock.failures()).isEqualTo(50);
            // the most recent addresses, for the administrators
            assertThat(lock.addresses()).hasSize(10).contains("192.0.2.24");
        });

        // the lock expires by itself
        advance(Duration.ofMinutes(15));
        assertThat(throttle.blockedFor("demo", "192.0.2.200")).isEmpty();
        assertThat(throttle.lockedUsers()).isEmpty();

        // one failure after the expiry does not lock it again: that takes the full 50 once more
        throttle.failed("demo", "192.0.2.99");
        assertThat(throttle.blockedFor("demo", "192.0.2.200")).isEmpty();
        assertThat(throttle.lockedUsers()).isEmpty();
    }

    @Test
    void aKnownAddressIsForgottenAfterThirtyDays() {
        throttle.succeeded("demo", OFFICE);
        advance(Duration.ofDays(30));
        for (int i = 0; i < 50; i++) {
            throttle.failed("demo", "192.0.2." + (i % 25));
        }
        assertThat(throttle.blockedFor("demo", OFFICE)).isPresent();
    }

    @Test
    void memoryIsBoundedAndBlockedEntriesAreKeptLongest() {
        LoginThrottle small = new LoginThrottle(new LoginThrottle.Limits(5, Duration.ofMinutes(1),
                Duration.ofMinutes(15), 30, Duration.ofMinutes(15), 50, Duration.ofMinutes(15),
                Duration.ofMinutes(15), Duration.ofDays(30), 100));
        for (int i = 0; i < 5; i++) {
            small.failed("demo", ATTACKER);
        }
        assertThat(small.blockedFor("demo", ATTACKER)).isPresent();
        // a flood of other keys, from many addresses so none of them is blocked
        for (int i = 0; i < 5_000; i++) {
            small.failed("user" + i, "10.0." + (i / 250) + "." + (i % 250));
            small.succeeded("user" + i, "10.1." + (i / 250) + "." + (i % 250));
        }
        // at most 100 keys in each of the four tables
        assertThat(small.size()).isLessThanOrEqualTo(400);
        // the blocked client was not evicted by the flood
        assertThat(small.blockedFor("demo", ATTACKER)).isPresent();
    }

    private void advance(Duration duration) {
        now = now.plus(duration);
        ClockUtil.setCurrentTime(Date.from(now));
    }
}
