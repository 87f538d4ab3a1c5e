package org.civicflow.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-password bookkeeping for every login of CivicFlow ({@link PasswordCheck} asks it before Camunda checks a
 * password, and tells it the result). Three counters, so that nobody can lock an account for good:
 * <ul>
 * <li>per user and client address: after {@code clientFailures} failures that client is blocked for that user only,
 * for {@code clientFirstBlock}, doubling with every further failure up to {@code clientMaxBlock}; a success from
 * that client clears it. The same user from another address is not affected;</li>
 * <li>per client address over all users (password spraying): after {@code addressFailures} failures the address is
 * blocked for {@code addressBlock};</li>
 * <li>per user over all addresses (a distributed attack): after {@code userFailures} failures the account is locked
 * for {@code userLock}, then unlocks by itself; administrators are told (WARN log, {@code GET
 * /api/security/lockouts}).</li>
 * </ul>
 * An address from which the user logged in successfully within {@code trustedFor} is "known" for that user: the
 * address block and the account lock do not apply to it (only its own per-client counter), so an attacker elsewhere
 * cannot lock the user out of the address it normally works from.
 * <p>
 * A counter is forgotten {@code forgetAfter} after its last failure (or the end of its block). While blocked,
 * passwords are not checked at all: the answer tells nothing about the password and does not extend the block.
 * User ids are compared ignoring case (some databases do). Times come from Camunda's {@link ClockUtil}. Memory is
 * bounded: each table holds at most {@code maxEntries} keys, forgetting stale ones first, then the least recently
 * used that is not blocked. Counts live in this node's memory only: with several nodes behind a load balancer each
 * node counts for itself (an attacker gets the limits once per node) and a restart forgets them.
 */
final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Camunda's user ids are at most 64 characters: longer names are no user, and must not grow the keys. */
    private static final int MAX_USER_ID = 64;
    private static final int MAX_ADDRESS = 64;
    /** Addresses remembered per locked account, for the administrators' notice. */
    private static final int ADDRESSES_PER_USER = 10;

    record Limits(int clientFailures, Duration clientFirstBlock, Duration clientMaxBlock,
                  int addressFailures, Duration addressBlock,
                  int userFailures, Duration userLock,
                  Duration forgetAfter, Duration trustedFor, int maxEntries) {

        static final Limits DEFAULT = new Limits(5, Duration.ofMinutes(1), Duration.ofMinutes(15),
                30, Duration.ofMinutes(15),
                50, Duration.ofMinutes(15),
                Duration.ofMinutes(15), Duration.ofDays(30), 10_000);
    }

    /** An account locked for every address that is not known for it. */
    record UserLock(String userId, Instant lockedUntil, int failures, List<String> addresses) {
    }

    /** A client address blocked for every user that does not know it. */
    record AddressBlock(String address, Instant blockedUntil, int failures) {
    }

    private static final class Counter {
        int failures;
        Instant lastFailure;
        Instant blockedUntil;
        /** Only for per-user counters: where the failures came from (most recent last). */
        final Set<String> addresses = new LinkedHashSet<>();

        boolean blockedAt(Instant now) {
            return blockedUntil != null && now.isBefore(blockedUntil);
        }

        boolean staleAt(Instant now, Duration forgetAfter) {
            Instant last = blockedUntil != null && blockedUntil.isAfter(lastFailure) ? blockedUntil : lastFailure;
            return !now.isBefore(last.plus(forgetAfter));
        }
    }

    private final Limits limits;
    // access-ordered: the eldest entry is the least recently used, evicted first when a table is full
    private final Map<String, Counter> clients = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Counter> addresses = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Counter> users = new LinkedHashMap<>(64, 0.75f, true);
    /** (user, address) → last successful login from there. */
    private final Map<String, Instant> known = new LinkedHashMap<>(64, 0.75f, true);

    LoginThrottle(Limits limits) {
        this.limits = limits;
    }

    /** How long {@code address} must wait before a password for {@code userId} is checked again, if at all. */
    synchronized Optional<Duration> blockedFor(String userId, String address) {
        Instant now = now();
        String user = userKey(userId);
        String client = addressKey(address);
        Instant until = null;
        until = later(until, activeBlock(clients.get(clientKey(user, client)), now));
        if (!isKnown(user, client, now)) {
            until = later(until, activeBlock(addresses.get(client), now));
            until = later(until, activeBlock(users.get(user), now));
        }
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    synchronized void failed(String userId, String address) {
        Instant now = now();
        String user = userKey(userId);
        String client = addressKey(address);

        Counter pair = count(clients, clientKey(user, client), now);
        if (pair.failures >= limits.clientFailures()) {
            int doublings = Math.min(pair.failures - limits.clientFailures(), 20);
            Duration block = limits.clientFirstBlock().multipliedBy(1L << doublings);
            pair.blockedUntil = now.plus(block.compareTo(limits.clientMaxBlock()) > 0 ? limits.clientMaxBlock() : block);
            LOG.info("Login throttle: {} blocked for user {} until {} after {} failed passwords", client, user,
                    pair.blockedUntil, pair.failures);
        }

        // a block that has run out starts a new count: blocking again takes the full number of failures again, so
        // one failure after the expiry cannot keep an account or an address blocked
        restartAfterBlock(addresses, client, now);
        Counter byAddress = count(addresses, client, now);
        if (byAddress.failures >= limits.addressFailures()) {
            boolean already = byAddress.blockedAt(now);
            byAddress.blockedUntil = now.plus(limits.addressBlock());
            if (!already) {
                LOG.warn("Login throttle: client address {} blocked for all users that have not logged in from it "
                        + "until {} after {} failed passwords", client, byAddress.blockedUntil, byAddress.failures);
            }
        }

        restartAfterBlock(users, user, now);
        Counter byUser = count(users, user, now);
        byUser.addresses.remove(client);
        byUser.addresses.add(client);
        if (byUser.addresses.size() > ADDRESSES_PER_USER) {
            Iterator<String> eldest = byUser.addresses.iterator();
            eldest.next();
            eldest.remove();
        }
        if (byUser.failures >= limits.userFailures()) {
            boolean already = byUser.blockedAt(now);
            byUser.blockedUntil = now.plus(limits.userLock());
            if (!already) {
                // the administrators' notice: who, until when, from where
                LOG.warn("Login throttle: account {} temporarily locked until {} (except from addresses it has "
                                + "logged in from) after {} failed passwords from {}; it unlocks by itself", user,
                        byUser.blockedUntil, byUser.failures, byUser.addresses);
            }
        }

        prune(clients, c -> c.staleAt(now, limits.forgetAfter()), c -> c.blockedAt(now));
        prune(addresses, c -> c.staleAt(now, limits.forgetAfter()), c -> c.blockedAt(now));
        prune(users, c -> c.staleAt(now, limits.forgetAfter()), c -> c.blockedAt(now));
    }

    synchronized void succeeded(String userId, String address) {
        Instant now = now();
        String user = userKey(userId);
        String client = addressKey(address);
        String key = clientKey(user, client);
        clients.remove(key);
        // neither the address's nor the account's counter: one right password must not clear a spraying or a
        // distributed attack that is still going on
        known.put(key, now);
        prune(known, last -> !now.isBefore(last.plus(limits.trustedFor())), last -> false);
    }

    synchronized List<UserLock> lockedUsers() {
        Instant now = now();
        List<UserLock> locked = new ArrayList<>();
        users.forEach((user, c) -> {
            if (c.blockedAt(now)) {
                locked.add(new UserLock(user, c.blockedUntil, c.failures, List.copyOf(c.addresses)));
            }
        });
        locked.sort(Comparator.comparing(UserLock::lockedUntil));
        return locked;
    }

    synchronized List<AddressBlock> blockedAddresses() {
        Instant now = now();
        List<AddressBlock> blocked = new ArrayList<>();
        addresses.forEach((address, c) -> {
            if (c.blockedAt(now)) {
                blocked.add(new AddressBlock(address, c.blockedUntil, c.failures));
            }
        });
        blocked.sort(Comparator.comparing(AddressBlock::blockedUntil));
        return blocked;
    }

    /** An administrator releases an account early: its lock and every client's block for it. */
    synchronized void releaseUser(String userId) {
        String user = userKey(userId);
        users.remove(user);
        clients.keySet().removeIf(key -> key.substring(key.indexOf(' ') + 1).equals(user));
        LOG.info("Login throttle: account {} released by an administrator", user);
    }

    /** An administrator releases a client address early: its block and its blocks for single users. */
    synchronized void releaseAddress(String address) {
        String client = addressKey(address);
        addresses.remove(client);
        clients.keySet().removeIf(key -> key.startsWith(client + " "));
        LOG.info("Login throttle: client address {} released by an administrator", client);
    }

    /** Keys held, for the memory bound's test. */
    synchronized int size() {
        return clients.size() + addresses.size() + users.size() + known.size();
    }

    private static void restartAfterBlock(Map<String, Counter> table, String key, Instant now) {
        Counter counter = table.get(key);
        if (counter != null && counter.blockedUntil != null && !counter.blockedAt(now)) {
            table.remove(key);
        }
    }

    private Counter count(Map<String, Counter> table, String key, Instant now) {
        Counter counter = table.get(key);
        if (counter == null || counter.staleAt(now, limits.forgetAfter())) {
            counter = new Counter();
            table.put(key, counter);
        }
        counter.failures++;
        counter.lastFailure = now;
        return counter;
    }

    private boolean isKnown(String user, String client, Instant now) {
        Instant last = known.get(clientKey(user, client));
        return last != null && now.isBefore(last.plus(limits.trustedFor()));
    }

    /**
     * Over the bound: stale entries go first, then the least recently used unblocked ones, then any, down to 90 % of
     * the bound, so that a full table is not scanned on every failure.
     */
    private <T> void prune(Map<String, T> table, Predicate<T> stale, Predicate<T> blocked) {
        if (table.size() <= limits.maxEntries()) {
            return;
        }
        int target = limits.maxEntries() - limits.maxEntries() / 10;
        table.values().removeIf(stale);
        for (Iterator<T> it = table.values().iterator(); table.size() > target && it.hasNext(); ) {
            if (!blocked.test(it.next())) {
                it.remove();
            }
        }
        for (Iterator<T> it = table.values().iterator(); table.size() > target && it.hasNext(); ) {
            it.next();
            it.remove();
        }
    }

    private static Instant activeBlock(Counter counter, Instant now) {
        return counter != null && counter.blockedAt(now) ? counter.blockedUntil : null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static String userKey(String userId) {
        // no control characters: the key goes into log lines
        String user = userId == null ? "" : userId.strip().toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "?");
        return user.length() > MAX_USER_ID ? user.substring(0, MAX_USER_ID) : user;
    }

    private static String addressKey(String address) {
        String client = address == null || address.isBlank() ? "unknown" : address.strip().replaceAll("\\s", "");
        return client.length() > MAX_ADDRESS ? client.substring(0, MAX_ADDRESS) : client;
    }

    private static String clientKey(String user, String client) {
        // unambiguous: an address key has no white space
        return client + " " + user;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
