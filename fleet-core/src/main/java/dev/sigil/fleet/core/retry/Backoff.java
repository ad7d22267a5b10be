package dev.sigil.fleet.core.retry;

import java.time.Duration;

/**
 * The waits between attempts, the one retry helper of the fleet: the HTTP clients (Binance, Discord, the market
 * history download), the wait for a database at start-up, the writes of a session's end. Exponential backoff from a
 * first wait, doubling up to a longest, and the server's own word on when to come back.
 */
public final class Backoff {

    /** Waits; tests replace it to record the waits instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration longest;
    private Duration next;

    public Backoff(Duration first, Duration longest) {
        this.next = first;
        this.longest = longest;
    }

    /** The wait before the next attempt: the first, then doubling, never above the longest. */
    public Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(longest) > 0 ? longest : doubled;
        return wait;
    }

    /** One try of {@link #attempts}; a failure is an unchecked exception. */
    @FunctionalInterface
    public interface Attempt {
        void run();
    }

    /** Told of each failed try (its number, from 1) before the wait. */
    @FunctionalInterface
    public interface Failure {
        void failed(int attempt, RuntimeException error);
    }

    /**
     * Runs {@code attempt} up to {@code attempts} times, waiting {@link #next()} after each failure (also after the
     * last, so a caller that gives up has let the trouble pass for as long); false if no try succeeded, or the thread was
     * interrupted while waiting (its interrupt flag is set again).
     */
    public boolean attempts(int attempts, Pause pause, Attempt attempt, Failure failure) {
        for (int number = 1; number <= attempts; number++) {
            try {
                attempt.run();
                return true;
            } catch (RuntimeException e) {
                failure.failed(number, e);
                try {
                    pause.sleep(next());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** Seconds as a server says them ({@code Retry-After: 2}, {@code "retry_after": 0.35}); {@code fallback} for anything else. */
    public static Duration serverSeconds(String text, Duration fallback) {
        try {
            double seconds = Double.parseDouble(text.strip());
            return seconds >= 0 && Double.isFinite(seconds) ? Duration.ofMillis(Math.round(seconds * 1000)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
