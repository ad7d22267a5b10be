package dev.sigil.fleet.core.reconcile;

import java.time.Instant;

/**
 * One position as a ledger has it, live or replayed. Trades are matched by symbol and entry candle time
 * ({@code entryTime} is the close of the candle whose signal opened it, on the candle clock both live and in replay).
 * {@code exitTime}, {@code exitReason} and {@code exitPrice} are null while the position is open.
 */
public record Trade(String symbol, Instant entryTime, double entryPrice, double qty, Instant exitTime, String exitReason, Double exitPrice,
                    long sessionId) {

    public boolean open() {
        return exitTime == null;
    }

    /** The last instant the trade was in the market: its exit, or {@code end} while open. */
    public Instant lastTime(Instant end) {
        return exitTime == null ? end : exitTime;
    }
}
