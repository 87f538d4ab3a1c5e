package org.civicflow.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the database did between two readings of its own counters (pg_stat_database and the WAL position):
 * committed transactions (read-only ones included), rows written and WAL bytes (checkpoints' full-page images and
 * autovacuum included), which explain a throughput by the work behind it. PostgreSQL 14 reports a backend's
 * counters at the end of its transactions, at most every half second, so up to half a second of one block's work
 * may be counted in the next block, of the other variant; blocks here take tens of seconds.
 */
record DatabaseWork(long commits, long inserted, long updated, long deleted, long walBytes,
        Map<String, Long> insertedByTable) {

    static final DatabaseWork NONE = new DatabaseWork(0, 0, 0, 0, 0, Map.of());

    static DatabaseWork read(JdbcTemplate jdbc) {
        jdbc.execute("select pg_stat_clear_snapshot()");
        Map<String, Long> byTable = new HashMap<>();
        jdbc.query("select relname, n_tup_ins from pg_stat_user_tables",
                rs -> { byTable.put(rs.getString(1), rs.getLong(2)); });
        return jdbc.queryForObject("select xact_commit, tup_inserted, tup_updated, tup_deleted,"
                + " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint from pg_stat_database"
                + " where datname = current_database()", (rs, row) -> new DatabaseWork(rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), byTable));
    }

    DatabaseWork minus(DatabaseWork earlier) {
        return new DatabaseWork(commits - earlier.commits, inserted - earlier.inserted, updated - earlier.updated,
                deleted - earlier.deleted, walBytes - earlier.walBytes,
                combine(insertedByTable, earlier.insertedByTable, -1));
    }

    DatabaseWork plus(DatabaseWork other) {
        return new DatabaseWork(commits + other.commits, inserted + other.inserted, updated + other.updated,
                deleted + other.deleted, walBytes + other.walBytes, combine(insertedByTable, other.insertedByTable, 1));
    }

    private static Map<String, Long> combine(Map<String, Long> a, Map<String, Long> b, int sign) {
        Map<String, Long> sum = new HashMap<>(a);
        b.forEach((table, rows) -> sum.merge(table, sign * rows, Long::sum));
        return sum;
    }

    /** Per unit of work (an instance), rounded to one decimal. */
    Map<String, Object> per(int units) {
        Map<String, Object> each = new LinkedHashMap<>();
        each.put("commits", round(commits, units));
        each.put("rowsInserted", round(inserted, units));
        each.put("rowsUpdated", round(updated, units));
        each.put("rowsDeleted", round(deleted, units));
        each.put("walBytes", round(walBytes, units));
        Map<String, Object> tables = new LinkedHashMap<>();
        insertedByTable.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> tables.put(e.getKey(), round(e.getValue(), units)));
        each.put("rowsInsertedByTable", tables);
        return each;
    }

    private static double round(long total, int units) {
        return Math.round(10.0 * total / units) / 10.0;
    }
}
