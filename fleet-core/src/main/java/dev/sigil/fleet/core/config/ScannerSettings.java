package dev.sigil.fleet.core.config;

import java.util.ArrayList;
import java.util.List;

/** The scan loop: cadence, liveness and session length. */
public record ScannerSettings(
        @Setting(value = "seconds between the starts of two scan cycles (ticks)", min = 1, max = 86_400)
        int scanIntervalSeconds,
        @Setting(value = "a session ends with end_reason duration_elapsed after this many seconds", min = 60, max = 31_536_000)
        int sessionDurationSeconds,
        @Setting(value = "the process exits (for systemd to restart it) when a cycle hangs this many intervals", min = 2, max = 1_000)
        int stallExitIntervals,
        @Setting(value = "an equity snapshot every this many base intervals of market time (a cycle each, at the default cadence)", min = 1, max = 100_000)
        int equitySnapshotCycles,
        @Setting(value = "closed candles read per symbol at start-up to warm the indicators up", min = 30, max = 1_000)
        int warmupCandles) implements CrossChecked {

    @Override
    public List<CrossProblem> crossProblems() {
        List<CrossProblem> problems = new ArrayList<>();
        if ((long) scanIntervalSeconds * 2 > sessionDurationSeconds) {
            problems.add(new CrossProblem("session_duration_seconds", sessionDurationSeconds,
                    "must be at least two scan intervals (2 × scanner.scan_interval_seconds = " + 2L * scanIntervalSeconds + ")"));
        }
        return problems;
    }
}
