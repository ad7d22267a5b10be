package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.CandleDefect;
import dev.sigil.fleet.core.guard.GuardEvent;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.strategy.EntrySignal;

/** What the engine tells the outside world as it happens (metrics, logs). Every method has a no-op default. */
public interface EngineListener {

    /** A candle was skipped (or, for a gap, used after {@code missing} absent intervals). */
    default void badCandle(Candle candle, CandleDefect defect, long missing) {
    }

    /** A signal fired; {@code rejectReason} is null when it became a position. */
    default void signal(EntrySignal signal, String rejectReason) {
    }

    default void entered(Position position) {
    }

    default void exited(ClosedPosition closed) {
    }

    /** The guard machine did something: a source degraded, recovered, cooled down; the mode changed; a halt. */
    default void guardEvent(GuardEvent event) {
    }

    /**
     * An entry's hard stop went on the floor because the symbol's ATR had no value ({@code atr} NaN: still warming up)
     * or none above zero (G1). Told once per symbol per engine.
     */
    default void stopOnFloorWithoutAtr(String symbol, double atr) {
    }

    /** A ledger call failed; the engine kept going (see {@link TradeLedger}). */
    default void ledgerFailed(String operation, RuntimeException error) {
    }

    EngineListener NONE = new EngineListener() {
    };
}
