package dev.sigil.fleet.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The runner's time: the clock its sessions, heartbeats and live ticks read, and the wait between live cycles. The
 * service runs on {@link #SYSTEM}; a test can give the runner (as a bean) a time that jumps to the end of each wait,
 * so a live session of hours runs in seconds on the same code path.
 */
public interface RunnerTime {

    Clock clock();

    /** Waits until {@code until} on this time; returns true (early) if {@code stop} says so. */
    boolean sleepUntil(Instant until, BooleanSupplier stop) throws InterruptedException;

    /** The wall clock and real sleeps, polling {@code stop} every 200 ms. */
    RunnerTime SYSTEM = new RunnerTime() {
        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public boolean sleepUntil(Instant until, BooleanSupplier stop) throws InterruptedException {
            while (!stop.getAsBoolean()) {
                long millis = Duration.between(Instant.now(), until).toMillis();
                if (millis <= 0) {
                    return false;
                }
                Thread.sleep(Math.min(millis, 200));
            }
            return true;
        }
    };

    /**
     * A time on which every wait ends at once, the clock moved to its end: a live session of hours on the synthetic
     * market (whose candles close on this clock) runs in seconds through the live code path (tests, the bench's live
     * cycle). Not for a runner that trades.
     */
    static RunnerTime jumping(Instant start) {
        return new RunnerTime() {
            private volatile Instant now = start;
            private final Clock clock = new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return java.time.ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public synchronized boolean sleepUntil(Instant until, BooleanSupplier stop) {
                if (stop.getAsBoolean()) {
                    return true;
                }
                if (until.isAfter(now)) {
                    now = until;
                }
                return false;
            }
        };
    }
}
