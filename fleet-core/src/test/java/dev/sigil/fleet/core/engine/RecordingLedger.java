package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.shadow.ClosedShadow;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import java.util.ArrayList;
import java.util.List;

/** The ledger port kept in memory, for pure engine tests; it can be made to fail like an unreachable database. */
final class RecordingLedger implements TradeLedger {

    final List<EntryOrder> opened = new ArrayList<>();
    final List<ClosedPosition> closed = new ArrayList<>();
    final List<SignalRecord> rejected = new ArrayList<>();
    final List<EquitySnapshot> snapshots = new ArrayList<>();
    final List<Position> trailUpdates = new ArrayList<>();
    final List<ShadowPosition> shadowMoves = new ArrayList<>();
    final List<ClosedShadow> shadowExits = new ArrayList<>();
    boolean down;
    long nextId = 1;

    @Override
    public EntryOutcome open(EntryOrder order) {
        failIfDown();
        opened.add(order);
        return EntryOutcome.opened(nextId++);
    }

    @Override
    public void close(ClosedPosition position) {
        failIfDown();
        closed.add(position);
    }

    @Override
    public void trailsMoved(List<Position> moved) {
        failIfDown();
        trailUpdates.addAll(moved);
    }

    @Override
    public void rejected(SignalRecord signal) {
        failIfDown();
        rejected.add(signal);
    }

    @Override
    public void snapshot(EquitySnapshot snapshot) {
        failIfDown();
        snapshots.add(snapshot);
    }

    @Override
    public void shadowsChanged(List<ShadowPosition> moved, List<ClosedShadow> closed) {
        failIfDown();
        shadowMoves.addAll(moved);
        shadowExits.addAll(closed);
    }

    private void failIfDown() {
        if (down) {
            throw new IllegalStateException("connection refused");
        }
    }
}
