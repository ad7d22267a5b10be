package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.shadow.ClosedShadow;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import java.util.List;

/**
 * The port through which the engine's decisions become durable (the variant's database). Each call is one
 * transaction. A call that throws has changed nothing: the engine keeps the decision and retries it (exits,
 * trail moves) or drops it (an entry), and reports the failure.
 */
public interface TradeLedger {

    /**
     * Opens a position race-safely: under a per-(variant, symbol) lock, re-checks that the symbol has no open
     * position and no unexpired protection, inserts the position and its shadow exits, writes the symbol's entry cooldown and
     * records the signal as accepted — all in one transaction.
     */
    EntryOutcome open(EntryOrder order);

    /** Closes a position with its exit fill. */
    void close(ClosedPosition closed);

    /** Persists raised trails and highest prices of open positions. */
    void trailsMoved(List<Position> moved);

    /** Records a signal that did not become a position, with its reason. */
    void rejected(SignalRecord signal);

    void snapshot(EquitySnapshot snapshot);

    /**
     * Shadow exits that moved (highest price, trail) or closed this tick. They become durable with the tick's
     * checkpoint, like the resume point they belong with.
     */
    void shadowsChanged(List<ShadowPosition> moved, List<ClosedShadow> closed);
}
