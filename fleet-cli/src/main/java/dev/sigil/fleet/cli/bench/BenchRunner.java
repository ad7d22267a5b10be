package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.RunnerLauncher;
import dev.sigil.fleet.cli.RunnerCommandLine;
import dev.sigil.fleet.io.fleet.DatabaseTarget;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The runner, in this process (for throughput and cycle times) or as its own JVM (for its RSS). */
final class BenchRunner implements AutoCloseable {

    /** Cycle durations from the runner's timer. */
    record CycleTimes(long count, double meanMillis, double medianMillis, double p99Millis) {
    }

    private final RunnerLauncher launcher;

    private BenchRunner(RunnerLauncher launcher) {
        this.launcher = launcher;
    }

    static BenchRunner launch(DatabaseTarget database, Map<String, Object> settings) {
        return new BenchRunner(new RunnerLauncher(database, settings));
    }

    void run() throws Exception {
        launcher.run();
    }

    long candles() {
        return launcher.candles();
    }

    CycleTimes cycleTimes() {
        Timer timer = launcher.registry().get("sigil.cycle.duration").timer();
        HistogramSnapshot snapshot = timer.takeSnapshot();
        double median = Double.NaN;
        double p99 = Double.NaN;
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            if (value.percentile() == 0.5) {
                median = value.value(TimeUnit.MILLISECONDS);
            } else if (value.percentile() == 0.99) {
                p99 = value.value(TimeUnit.MILLISECONDS);
            }
        }
        return new CycleTimes(timer.count(), timer.mean(TimeUnit.MILLISECONDS), median, p99);
    }

    /** Runs a replay in a separate runner JVM with the given options; returns its peak RSS in kB (-1 if unknown). */
    static long peakRssOfProcess(DatabaseTarget database, Path overlays, int candles, String jvmOptions) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.command(RunnerCommandLine.command(jvmOptions, overlays, List.of("--variant", "baseline", "--market", "synthetic",
                "--synthetic-steps", Integer.toString(candles), "--after-session", "exit"), builder.environment()));
        RunnerCommandLine.database(builder.environment(), database);
        builder.environment().put("SIGIL_RUNNER_PORT", Integer.toString(port));
        Process process = builder.start();
        long peak = -1;
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, RssProbe.peakKilobytes(process.pid()));
        }
        return process.exitValue() == 0 ? peak : -1;
    }

    @Override
    public void close() {
        launcher.close();
    }
}
