package dev.sigil.fleet.monitor;

import dev.sigil.fleet.core.concurrent.Threads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a round at a fixed rate on one thread: a round starts every {@code interval} (the first at once), whatever the
 * round took. A round that overruns the interval is followed by the next at once, and missed rounds are not made up:
 * rounds never overlap and never run back to back to catch up ({@code scheduleAtFixedRate} would, and
 * {@code scheduleWithFixedDelay} would wait a full interval after each round, so 10 s rounds taking 5.7 s ran every
 * 15.6 s). A round that throws is followed by the next all the same.
 */
final class FixedRateRounds implements AutoCloseable {

    private final Duration interval;
    private final Runnable round;
    private final ScheduledExecutorService scheduler;

    FixedRateRounds(String threadName, Duration interval, Runnable round) {
        this.interval = interval;
        this.round = round;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = Threads.unstarted(threadName, runnable, true);
            return thread;
        });
    }

    void start() {
        scheduler.execute(this::next);
    }

    private void next() {
        long started = System.nanoTime();
        try {
            round.run();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            try {
                scheduler.schedule(this::next, delayBeforeNext(took, interval).toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closed while the round ran
            }
        }
    }

    /** The rest of the interval after a round that took {@code took}; nothing when it overran. */
    static Duration delayBeforeNext(Duration took, Duration interval) {
        Duration rest = interval.minus(took);
        return rest.isNegative() ? Duration.ZERO : rest;
    }

    boolean stopping() {
        return scheduler.isShutdown();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
