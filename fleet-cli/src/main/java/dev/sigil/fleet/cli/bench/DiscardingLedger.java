package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EntryOutcome;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.engine.TradeLedger;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import java.util.List;

/**
 * For the engine-alone figure only: a ledger that accepts every entry and keeps nothing, so no I/O is timed. It
 * counts the writes it was asked for: a tick with none is a quiet one (no entry, exit, trail move, shadow change,
 * rejected signal or equity snapshot).
 */
final class DiscardingLedger implements TradeLedger {

    private long nextId = 1;
    private long writes;

    long writes() {
        return writes;
    }

    @Override
    public EntryOutcome open(EntryOrder order) {
        writes++;
        return EntryOutcome.opened(nextId++);
    }

    @Override
    public void close(ClosedPosition closed) {
        writes++;
    }

    @Override
    public void trailsMoved(List<Position> moved) {
        writes++;
    }

    @Override
    public void rejected(SignalRecord signal) {
        writes++;
    }

    @Override
    public void snapshot(EquitySnapshot snapshot) {
        writes++;
    }

    @Override
    public void shadowsChanged(List<dev.sigil.fleet.core.shadow.ShadowPosition> moved, List<dev.sigil.fleet.core.shadow.ClosedShadow> closed) {
        writes++;
    }
}
