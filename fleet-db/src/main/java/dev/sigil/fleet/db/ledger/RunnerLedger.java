package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.core.engine.TradeLedger;
import java.time.Instant;
import java.util.Map;

/**
 * The engine's ledger as the scan loop drives it: the engine's port, plus the checkpoint that makes a tick durable
 * together with its resume point and engine state, and the breaker trips the loop decides. Live
 * ({@link PostgresTradeLedger}) every decision is written at once and the checkpoint adds the resume point; in replay
 * ({@link ReplayTradeLedger}) decisions are buffered and the checkpoint writes them all in one transaction, so the
 * database always holds a whole number of ticks and a crash loses only ticks that are replayed on restart.
 */
public interface RunnerLedger extends TradeLedger {

    /** What a checkpoint records besides the ledger: where to resume, and the engine's counters and risk state. */
    record Checkpoint(Instant resumeAfter, Map<String, String> engineState, Instant at) {
    }

    /**
     * Writes everything decided so far, the engine state and the resume point (when not null) in one transaction.
     * On failure nothing is lost: the writes stay pending for the next checkpoint, and it throws.
     */
    void checkpoint(Checkpoint checkpoint);

    /**
     * Trips the variant's circuit breaker (idempotent) at tick-clock time {@code marketTime}: at once live, with the
     * next checkpoint in replay. {@code detail} (null: none) is what the notification of the trip adds to the reason.
     */
    void tripBreaker(String reason, String actor, Instant marketTime, String detail);

    /**
     * The closed candles handed to the engine (a batch, or the start-up warm-up), before the tick that uses them. Live
     * they are recorded ({@code market_candles}) in the ledger's next transaction, whichever it is — an entry, an
     * exit, a checkpoint — so no trade is durable without the candles of its tick. A replay records nothing.
     */
    default void candles(java.util.List<dev.sigil.fleet.core.candle.Candle> candles) {
    }

    /** Writes decided but not yet durable (0 live, where each is written at once). */
    int pendingWrites();
}
