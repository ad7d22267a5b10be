package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.guard.LedgerTruth;
import java.time.Instant;
import java.util.List;

/**
 * One scan cycle's input: its number, the tick clock (the candles' time in replay, the wall clock live), the new
 * closed candles (any symbols, each symbol's in time order), the circuit breaker as read this cycle, and the
 * ledger as the database has it when it was checked this cycle (null when it was not).
 */
public record Tick(long number, Instant marketTime, List<Candle> candles, boolean breakerTripped, LedgerTruth truth) {

    public Tick(long number, Instant marketTime, List<Candle> candles, boolean breakerTripped) {
        this(number, marketTime, candles, breakerTripped, null);
    }
}
