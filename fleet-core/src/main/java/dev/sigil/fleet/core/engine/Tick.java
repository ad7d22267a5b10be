package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Instant;
import java.util.List;

/**
 * One scan cycle's input: its number, the tick clock (the candles' time in replay, the wall clock live), the new
 * closed candles (any symbols, each symbol's in time order) and the circuit breaker as read this cycle.
 */
public record Tick(long number, Instant marketTime, List<Candle> candles, boolean breakerTripped) {
}
