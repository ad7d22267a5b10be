package dev.sigil.fleet.session.loop;

import java.util.Arrays;
import java.util.Locale;

/**
 * One session's scan-cycle durations, for the line that ends it: exact median and 99th percentile of this session
 * alone (the Prometheus timer's percentiles cover a sliding two minutes instead). Keeps at most {@link #LIMIT}
 * durations, the first ones of the session; a live session of two hours has 120.
 */
public final class CycleTimes {

    static final int LIMIT = 100_000;

    private long[] nanos = new long[128];
    private int count;

    void record(long durationNanos) {
        if (count == nanos.length) {
            if (count == LIMIT) {
                return;
            }
            nanos = Arrays.copyOf(nanos, Math.min(LIMIT, count * 2));
        }
        nanos[count++] = durationNanos;
    }

    public int count() {
        return count;
    }

    /** The {@code quantile} (0..1) of the recorded durations in milliseconds, nearest rank; NaN with none. */
    public double quantileMillis(double quantile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    /** "median 1.2 ms, p99 3.4 ms over 120 cycles" (or "no cycles"). */
    public String describe() {
        if (count == 0) {
            return "no cycles";
        }
        return String.format(Locale.ROOT, "median %.1f ms, p99 %.1f ms over %d cycles", quantileMillis(0.5), quantileMillis(0.99), count);
    }
}
