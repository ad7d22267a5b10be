package dev.sigil.fleet.io.http;

import java.time.Duration;

/**
 * The waits of an HTTP client between attempts, one helper for every client (Binance, Discord): exponential backoff
 * from a first wait, doubling up to a longest, and the server's own word on when to come back.
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
