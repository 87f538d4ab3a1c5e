package org.civicflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.springframework.jdbc.core.JdbcTemplate;

/** Small helpers shared by the benchmarks. */
final class Bench {

    /** Threads that drive the engine from outside (starts, task completions); {@code -Dbench.threads}. */
    static final int THREADS = Integer.getInteger("bench.threads", 4);

    private Bench() {
    }

    /** Runs {@code work} for 0 … count-1 on {@code threads} threads; returns the elapsed nanoseconds. */
    static long parallel(int count, int threads, IntConsumer work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        work.accept(i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("benchmark work failed", e);
        } finally {
            pool.shutdownNow();
        }
        return System.nanoTime() - start;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The server really commits to disk (synchronous_commit and fsync on): otherwise every figure would be meaningless. */
    static void requireSynchronousCommit(JdbcTemplate jdbc) {
        for (String setting : new String[] {"synchronous_commit", "fsync"}) {
            String value = jdbc.queryForObject("show " + setting, String.class);
            if (!"on".equals(value)) {
                throw new IllegalStateException(setting + " is " + value + ", benchmarks need on");
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
