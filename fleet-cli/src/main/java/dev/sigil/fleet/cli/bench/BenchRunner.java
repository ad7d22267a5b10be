package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.RunnerLauncher;
import dev.sigil.fleet.io.fleet.DatabaseTarget;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The runner in this process, for replay throughput and cycle times (its own JVM: {@link RunnerProcesses}). */
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

    /** Scan cycles (ticks) run so far. */
    long ticks() {
        return launcher.registry().get("sigil.cycle.duration").timer().count();
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

    @Override
    public void close() {
        launcher.close();
    }
}
