package dev.sigil.fleet.core.heartbeat;

import java.time.Duration;
import java.time.Instant;

/**
 * The dead-man rule for one variant at one instant, with no I/O: stale when no cycle has ended for longer than
 * {@code staleAfter} (or there is no heartbeat at all); data stalled when the scanner is alive but blind — its cycles
 * kept ending for longer than {@code dataStaleAfter} after the newest candle last moved (a dead scanner's candle stops
 * too, but so do its cycles: that is stale, not data stalled); cycle stuck when a cycle started well after the last
 * one ended and has been running longer than {@code stuckAfter}; else fresh.
 */
public final class HeartbeatCheck {

    /** The rule's thresholds. */
    public record Thresholds(Duration staleAfter, Duration dataStaleAfter, Duration stuckAfter) {
    }

    /**
     * The verdict. {@code age} is the time since the last cycle ended (null without a heartbeat); {@code cycleRunning}
     * how long the current cycle has run (zero when none runs); {@code dataStill} how long the newest candle has not
     * moved (zero when unknown).
     */
    public record Verdict(HeartbeatState state, Duration age, Duration cycleRunning, Duration dataStill, String summary) {
    }

    /** A clean stop: the variant's last session ended at {@code at} for {@code reason}, and no runner holds its lock. */
    public record CleanStop(Instant at, String reason) {
    }

    private HeartbeatCheck() {
    }

    /**
     * As {@link #evaluate(Heartbeat, Instant, Instant, Thresholds)}, but a variant stopped cleanly ({@code stop} not null)
     * is {@link HeartbeatState#STOPPED} however old its heartbeat: nothing runs, on purpose.
     */
    public static Verdict evaluate(Heartbeat heartbeat, Instant now, Instant candleAdvancedAt, Thresholds thresholds, CleanStop stop) {
        if (stop == null) {
            return evaluate(heartbeat, now, candleAdvancedAt, thresholds);
        }
        Duration age = heartbeat == null || heartbeat.lastScanEnd() == null ? null : positive(Duration.between(heartbeat.lastScanEnd(), now));
        return new Verdict(HeartbeatState.STOPPED, age, Duration.ZERO, Duration.ZERO, "stopped " + words(positive(Duration.between(stop.at(), now)))
                + " ago (" + stop.reason() + "); no runner holds its lock");
    }

    /**
     * @param heartbeat the row, or null when the variant has never written one
     * @param candleAdvancedAt when the monitor last saw the newest candle time change (null: not known yet)
     */
    public static Verdict evaluate(Heartbeat heartbeat, Instant now, Instant candleAdvancedAt, Thresholds thresholds) {
        if (heartbeat == null || (heartbeat.lastScanEnd() == null && heartbeat.lastScanStart() == null)) {
            return new Verdict(HeartbeatState.STALE, null, Duration.ZERO, Duration.ZERO, "no heartbeat yet: the scanner has never run");
        }
        Instant lastEnd = heartbeat.lastScanEnd() != null ? heartbeat.lastScanEnd() : heartbeat.lastScanStart();
        Duration age = positive(Duration.between(lastEnd, now));
        Duration running = heartbeat.lastScanStart() != null && heartbeat.lastScanStart().isAfter(lastEnd)
                ? positive(Duration.between(heartbeat.lastScanStart(), now)) : Duration.ZERO;
        Duration still = candleAdvancedAt == null ? Duration.ZERO : positive(Duration.between(candleAdvancedAt, now));
        if (age.compareTo(thresholds.staleAfter()) > 0) {
            return new Verdict(HeartbeatState.STALE, age, running, still, "no scan cycle has ended for " + words(age)
                    + (running.isZero() ? "" : "; a cycle started " + words(running) + " ago has not ended"));
        }
        Duration aliveSinceDataStopped = candleAdvancedAt == null ? Duration.ZERO : Duration.between(candleAdvancedAt, lastEnd);
        if (aliveSinceDataStopped.compareTo(thresholds.dataStaleAfter()) > 0) {
            return new Verdict(HeartbeatState.DATA_STALLED, age, running, still, "cycles end on time but the newest candle ("
                    + heartbeat.newestCandleTime() + ") has not moved for " + words(still));
        }
        if (running.compareTo(thresholds.stuckAfter()) > 0) {
            return new Verdict(HeartbeatState.CYCLE_STUCK, age, running, still, "a cycle has been running for " + words(running));
        }
        return new Verdict(HeartbeatState.FRESH, age, running, still, running.isZero() ? "last cycle ended " + words(age) + " ago"
                : "a cycle is in progress (" + words(running) + ")");
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** A duration the way people say it: 45 s, 12 min, 3 h 20 min, 2 d 4 h. */
    public static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 172_800) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        return seconds / 86_400 + " d " + (seconds % 86_400) / 3600 + " h";
    }
}
