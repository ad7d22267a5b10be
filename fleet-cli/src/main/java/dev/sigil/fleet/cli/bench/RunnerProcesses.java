package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.RunnerCommandLine;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runners in their own JVMs, started by the launcher systemd runs ({@code bin/sigil-runner}) with the production
 * JVM options: their peak RSS, what the JVM's native memory tracking says it is made of, and how long a start takes
 * until the first heartbeat is in the database.
 */
final class RunnerProcesses {

    /** What native memory tracking reported at the process's end, committed kB by category, largest first. */
    record NativeMemory(long totalCommittedKb, Map<String, Long> committedKbByCategory) {
    }

    // JDK 21 prints KB ("committed=1234KB"), JDK 25 bytes ("committed=1263616")
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+(?:KB)?, committed=(\\d+)(KB)?");
    private static final Pattern NMT_CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+(?:KB)?, committed=(\\d+)(KB)?");

    /** A replay run in its own process: its peak RSS (kB, -1 if unknown) and its cycle times as its log reports them. */
    record Run(long peakRssKb, double cycleMedianMillis, double cycleP99Millis, long cycles) {
    }

    private static final Pattern CYCLES = Pattern.compile("cycles median ([\\d.]+) ms, p99 ([\\d.]+) ms over (\\d+) cycles");

    private final Path overlays;
    private final String jvmOptions;
    private final Path cdsArchives;

    /** @param cdsArchives where each process keeps its class-data archive, as systemd's unit has it (null: none) */
    RunnerProcesses(Path overlays, String jvmOptions, Path cdsArchives) {
        this.overlays = overlays;
        this.jvmOptions = jvmOptions;
        this.cdsArchives = cdsArchives;
    }

    /** The JVM options the runner processes start with. */
    String jvmOptions() {
        return jvmOptions;
    }

    private Process start(DatabaseTarget database, List<String> arguments, String extraJvmOptions, String archive) throws IOException {
        return start(database, arguments, extraJvmOptions, archive, true, Map.of());
    }

    private Process start(DatabaseTarget database, List<String> arguments, String extraJvmOptions, String archive, boolean capture,
                          Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true);
        builder.redirectOutput(capture ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        String options = extraJvmOptions.isEmpty() ? jvmOptions : jvmOptions + " " + extraJvmOptions;
        builder.command(RunnerCommandLine.command(options, overlays, arguments, builder.environment()));
        RunnerCommandLine.database(builder.environment(), database);
        builder.environment().put("SIGIL_RUNNER_PORT", Integer.toString(freePort()));
        builder.environment().putAll(environment);
        if (cdsArchives != null) {
            builder.environment().put("SIGIL_CDS_ARCHIVE", cdsArchives.resolve(archive + ".jsa").toString());
        }
        return builder.start();
    }

    /** A runner replaying {@code arguments} to its end, with the production options (and archive {@code archive}). */
    Run run(DatabaseTarget database, List<String> arguments, String archive) throws IOException, InterruptedException {
        return run(database, arguments, archive, Map.of());
    }

    /** The same with more environment for the process. */
    Run run(DatabaseTarget database, List<String> arguments, String archive, Map<String, String> environment) throws IOException, InterruptedException {
        Process process = start(database, arguments, "", archive, true, environment);
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append(e);
            }
        });
        long peak = -1;
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, RssProbe.peakKilobytes(process.pid()));
        }
        reader.join();
        if (process.exitValue() != 0) {
            String text = output.toString();
            throw new IllegalStateException("the runner exited with code " + process.exitValue() + ": " + text.substring(Math.max(0, text.length() - 800)));
        }
        Matcher cycles = CYCLES.matcher(output);
        double median = Double.NaN;
        double p99 = Double.NaN;
        long count = 0;
        while (cycles.find()) {
            median = Double.parseDouble(cycles.group(1));
            p99 = Double.parseDouble(cycles.group(2));
            count = Long.parseLong(cycles.group(3));
        }
        return new Run(peak, median, p99, count);
    }

    /** The same run with native memory tracking on, reporting at exit (tracking itself costs a little memory). */
    NativeMemory nativeMemory(DatabaseTarget database, List<String> arguments, String archive) throws IOException, InterruptedException {
        Process process = start(database, arguments, "-XX:NativeMemoryTracking=summary -XX:+UnlockDiagnosticVMOptions -XX:+PrintNMTStatistics", archive);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        long total = -1;
        Map<String, Long> categories = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            Matcher matcher = NMT_TOTAL.matcher(line.strip());
            if (matcher.find()) {
                total = kilobytes(matcher.group(1), matcher.group(2));
            }
            matcher = NMT_CATEGORY.matcher(line.strip());
            if (matcher.find()) {
                categories.merge(matcher.group(1).strip(), kilobytes(matcher.group(2), matcher.group(3)), Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        categories.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return new NativeMemory(total, sorted);
    }

    private static long kilobytes(String number, String unit) {
        long value = Long.parseLong(number);
        return unit == null ? value / 1024 : value;
    }

    /**
     * Starts one live runner per database at the same moment and returns the seconds until each one's first
     * heartbeat ({@code last_scan_end}) is in its database; then stops them (SIGTERM, as systemd does).
     */
    List<Double> secondsToFirstHeartbeat(List<DatabaseTarget> databases, List<String> arguments) throws Exception {
        Instant launched = Instant.now();
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        try {
            for (DatabaseTarget database : databases) {
                processes.add(start(database, arguments, "", "runner-" + processes.size(), false, Map.of()));
            }
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < databases.size(); i++) {
                seconds.add(waitForHeartbeat(databases.get(i), launched, processes.get(i), start));
            }
            return seconds;
        } finally {
            for (Process process : processes) {
                process.destroy();
            }
            for (Process process : processes) {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * Starts one live runner and returns its peak RSS in kB once its first cycle has ended (its first heartbeat in the
     * database) and a second more: the start-up, the indicators' warm-up and the checkpoint that records the warm-up's
     * candles. Then stops it (SIGTERM, as systemd does).
     */
    long livePeakRssKb(DatabaseTarget database, List<String> arguments, String archive) throws Exception {
        Instant launched = Instant.now();
        long start = System.nanoTime();
        Process process = start(database, arguments, "", archive, false, Map.of());
        try {
            waitForHeartbeat(database, launched, process, start);
            Thread.sleep(1000);
            return RssProbe.peakKilobytes(process.pid());
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Polls the database every 20 ms on one connection (a new connection per poll would load the machine measured). */
    private static double waitForHeartbeat(DatabaseTarget database, Instant after, Process process, long startNanos) throws Exception {
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(60);
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM scanner_heartbeat WHERE last_scan_end >= ?")) {
            query.setTimestamp(1, Timestamp.from(after));
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the runner exited with code " + process.exitValue() + " before its first heartbeat");
                }
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        return (System.nanoTime() - startNanos) / 1e9;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("no heartbeat within 60 s of the start");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
