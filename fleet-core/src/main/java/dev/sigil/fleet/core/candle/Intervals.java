package dev.sigil.fleet.core.candle;

import java.time.Duration;

/** Binance kline interval names (1m, 5m, 1h, ...) as durations. */
public final class Intervals {

    private Intervals() {
    }

    public static Duration parse(String interval) {
        if (interval == null || interval.length() < 2) {
            throw new IllegalArgumentException("not a kline interval: " + interval);
        }
        long amount = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (interval.charAt(interval.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a kline interval: " + interval);
        };
    }
}
