package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.RunnerLauncher;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.util.Map;

/** The runner in this process, for replay throughput (a runner in its own JVM: {@link RunnerProcesses}). */
final class BenchRunner implements AutoCloseable {

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

    @Override
    public void close() {
        launcher.close();
    }
}
