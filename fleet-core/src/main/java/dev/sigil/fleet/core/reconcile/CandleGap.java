package dev.sigil.fleet.core.reconcile;

import java.time.Instant;

/**
 * A hole in a symbol's recorded candles: {@code missing} candles opening from {@code from} to {@code to} (inclusive)
 * were not recorded, so the replay could not see them.
 */
public record CandleGap(String symbol, Instant from, Instant to, long missing) {

    /** For people: {@code BTCUSDT missing 5 candles 2025-01-01T10:01Z..10:05Z}. */
    public String describe() {
        return symbol + " missing " + missing + (missing == 1 ? " candle " + from : " candles " + from + ".." + to);
    }
}
