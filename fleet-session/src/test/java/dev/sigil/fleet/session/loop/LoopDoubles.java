package dev.sigil.fleet.session.loop;

import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EntryOutcome;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.db.ledger.CycleReads;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** In-memory stand-ins for the loop's database side, for the pure loop tests. */
public final class LoopDoubles {

    private LoopDoubles() {
    }

    /** A ledger that refuses entries and records its checkpoints; it can be made to fail like an unreachable database. */
    public static class RecordingLedger implements RunnerLedger {
        final List<Instant> resumePoints = new ArrayList<>();
        final List<String> trips = new ArrayList<>();
        int failuresLeft;
        int failed;

        @Override
        public EntryOutcome open(EntryOrder order) {
            return EntryOutcome.rejected("test");
        }

        @Override
        public void close(ClosedPosition closed) {
        }

        @Override
        public void trailsMoved(List<Position> moved) {
        }

        @Override
        public void rejected(SignalRecord signal) {
        }

        @Override
        public void snapshot(EquitySnapshot snapshot) {
        }

        @Override
        public void shadowsChanged(List<dev.sigil.fleet.core.shadow.ShadowPosition> moved, List<dev.sigil.fleet.core.shadow.ClosedShadow> closed) {
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            if (failuresLeft > 0) {
                failuresLeft--;
                failed++;
                throw new IllegalStateException("connection refused");
            }
            resumePoints.add(checkpoint.resumeAfter());
        }

        @Override
        public void tripBreaker(String reason, String actor, Instant marketTime, String detail) {
            trips.add(reason + " by " + actor);
        }

        @Override
        public int pendingWrites() {
            return 0;
        }
    }

    /** The database as the loop reads it: a closed breaker, the lock held; heartbeat starts recorded. */
    public static class QuietOutside implements ScanLoop.Outside {
        public final List<Instant> heartbeats = new ArrayList<>();

        @Override
        public boolean scanStarted(Instant at) {
            heartbeats.add(at);
            return true;
        }

        @Override
        public void scanEnded(Instant at, Instant newestCandle, int candles) {
        }

        @Override
        public CycleReads reads(boolean ledgerTruth) {
            return new CycleReads(new BreakerStore.View(false, 0), null);
        }
    }
}
