package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.RunnerCommandLine;
import dev.sigil.fleet.io.fleet.DatabaseTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private final Path overlays;
    private final String jvmOptions;

    RunnerProcesses(Path overlays, String jvmOptions) {
        this.overlays = overlays;
        this.jvmOptions = jvmOptions;
    }

    private Process start(DatabaseTarget database, List<String> arguments, String extraJvmOptions, boolean captureOutput) throws IOException {
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true);
        builder.redirectOutput(captureOutput ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        String options = extraJvmOptions.isEmpty() ? jvmOptions : jvmOptions + " " + extraJvmOptions;
        builder.command(RunnerCommandLine.command(options, overlays, arguments, builder.environment()));
        RunnerCommandLine.database(builder.environment(), database);
        builder.environment().put("SIGIL_RUNNER_PORT", Integer.toString(freePort()));
        return builder.start();
    }

    /** Peak RSS in kB of a runner replaying {@code arguments} to its end (-1 if it failed or /proc is not there). */
    long peakRss(DatabaseTarget database, List<String> arguments) throws IOException, InterruptedException {
        Process process = start(database, arguments, "", false);
        long peak = -1;
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, RssProbe.peakKilobytes(process.pid()));
        }
        return process.exitValue() == 0 ? peak : -1;
    }

    /** The same run with native memory tracking on, reporting at exit (tracking itself costs a little memory). */
    NativeMemory nativeMemory(DatabaseTarget database, List<String> arguments) throws IOException, InterruptedException {
        Process process = start(database, arguments, "-XX:NativeMemoryTracking=summary -XX:+UnlockDiagnosticVMOptions -XX:+PrintNMTStatistics", true);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        long total = -1;
        Map<String, Long> categories = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            Matcher matcher = NMT_TOTAL.matcher(line.strip());
            if (matcher.find()) {
                total = Long.parseLong(matcher.group(1));
            }
            matcher = NMT_CATEGORY.matcher(line.strip());
            if (matcher.find()) {
                categories.merge(matcher.group(1).strip(), Long.parseLong(matcher.group(2)), Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        categories.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return new NativeMemory(total, sorted);
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
                processes.add(start(database, arguments, "", false));
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

    private static double waitForHeartbeat(DatabaseTarget database, Instant after, Process process, long startNanos) throws Exception {
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the runner exited with code " + process.exitValue() + " before its first heartbeat");
            }
            if (beat(database, after)) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no heartbeat within 60 s of the start");
    }

    private static boolean beat(DatabaseTarget database, Instant after) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM scanner_heartbeat WHERE last_scan_end >= ?")) {
            query.setTimestamp(1, Timestamp.from(after));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
