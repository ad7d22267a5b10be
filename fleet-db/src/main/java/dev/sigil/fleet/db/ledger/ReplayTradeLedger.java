package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.engine.ProgressStore;
import dev.sigil.fleet.db.session.SessionStore;
import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EntryOutcome;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.shadow.ClosedShadow;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import dev.sigil.fleet.db.breaker.BreakerStore;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger of a replay: decisions are kept in order in memory and written by {@link #checkpoint} in one
 * transaction with the resume point and the engine state, so the database always holds whole ticks and a runner
 * killed at any moment resumes exactly where its data stops. Each entry still goes in with its entry cooldown and its
 * accepted signal (the same transaction). The instance lock makes the runner the only writer, so the entry checks
 * are the engine's own; the partial unique index stays the backstop. Position ids are reserved from the table's
 * identity sequence in blocks, so the engine knows an entry's id at once.
 *
 * <p>A plain rollover — one session ending on its duration and the next starting with the replay going on — writes
 * nothing by itself: the ended session's ledger becomes the new one's {@code predecessor}, and the new session's row is
 * {@linkplain SessionStore.Deferred deferred}. The next checkpoint writes the chain oldest first in its one transaction:
 * the end of a session whose row was written, the deferred rows (ended ones whole), each session's writes in order,
 * their equity snapshots, then the engine state and the resume point. The database still holds whole ticks and whole
 * sessions at every commit — one open session, the one whose ticks come next.
 */
public final class ReplayTradeLedger implements RunnerLedger {

    private static final int ID_BLOCK = 64;

    private sealed interface Write permits Insert, Shadows, Protect, Signal, Violation, Close, Trip {
    }

    private record Insert(long id, EntryOrder order) implements Write {
    }

    private record Shadows(long id, EntryOrder order) implements Write {
    }

    private record Protect(EntryOrder order) implements Write {
    }

    private record Signal(SignalRecord record) implements Write {
    }

    private record Violation(String symbol) implements Write {
    }

    private record Close(ClosedPosition closed) implements Write {
    }

    private record Trip(String reason, String actor, java.time.Instant marketTime, String detail) implements Write {
    }

    private final TransactionOperations<Connection> transactions;
    private final LedgerBinding binding;
    private final CheckpointWriter checkpoints;
    private final List<Write> pending = new ArrayList<>();
    private final Map<Long, Position> trails = new LinkedHashMap<>();
    private final List<EquitySnapshot> snapshots = new ArrayList<>();
    private final Map<String, ShadowPosition> shadowMoves = new LinkedHashMap<>();
    private final List<ClosedShadow> shadowExits = new ArrayList<>();
    private final Deque<Long> reservedIds;
    /** This session's row when it is not written yet (null: written). */
    private SessionStore.Deferred session;
    /** This session's end when its row is written and the end not yet (null: none pending). */
    private SessionStore.End end;
    /** The ledger of the session before, when that one's end and writes are not durable yet (null: they are). */
    private ReplayTradeLedger predecessor;

    /** @param reservedIds position ids reserved but not used yet, shared by the runner's successive ledgers */
    public ReplayTradeLedger(TransactionOperations<Connection> transactions, ProgressStore progress, EngineStateStore engineState,
                             LedgerBinding binding, Deque<Long> reservedIds) {
        this(transactions, progress, engineState, binding, reservedIds, null, null);
    }

    /**
     * The ledger of a session that follows {@code predecessor} in a plain rollover, with its row {@code session} not
     * written yet: the next checkpoint writes both sessions and everything of theirs.
     */
    public ReplayTradeLedger(TransactionOperations<Connection> transactions, ProgressStore progress, EngineStateStore engineState,
                             LedgerBinding binding, Deque<Long> reservedIds, SessionStore.Deferred session, ReplayTradeLedger predecessor) {
        if (session != null && session.id() != binding.sessionId()) {
            throw new IllegalArgumentException("the deferred session " + session.id() + " is not the ledger's " + binding.sessionId());
        }
        this.reservedIds = reservedIds;
        this.transactions = transactions;
        this.binding = binding;
        this.checkpoints = new CheckpointWriter(transactions, progress, engineState, binding);
        this.session = session;
        this.predecessor = predecessor;
    }

    public LedgerBinding binding() {
        return binding;
    }

    /**
     * The session ended (a plain rollover); its end is written by the next session's checkpoint, with the rest of this
     * ledger's writes. Not for a session whose end must be durable at once (see {@link #mayEndLater()}).
     */
    public void endLater(SessionStore.End sessionEnd) {
        if (session != null) {
            session.end(sessionEnd);
        } else {
            end = sessionEnd;
        }
    }

    /**
     * Whether this session's end may wait for the next checkpoint: not with a breaker trip pending, which the runner
     * reads back from the database between sessions (a backtest's --resume-after-halt).
     */
    public boolean mayEndLater() {
        return pending.stream().noneMatch(write -> write instanceof Trip);
    }

    @Override
    public EntryOutcome open(EntryOrder order) {
        long id = nextId();
        pending.add(new Insert(id, order));
        if (!order.shadows().isEmpty()) {
            pending.add(new Shadows(id, order));
        }
        pending.add(new Protect(order));
        pending.add(new Signal(new SignalRecord(order.signal(), true, null, order.atrAtEntry())));
        return EntryOutcome.opened(id);
    }

    @Override
    public void close(ClosedPosition closed) {
        trails.remove(closed.position().id());
        pending.add(new Close(closed));
    }

    @Override
    public void trailsMoved(List<Position> moved) {
        moved.forEach(position -> trails.put(position.id(), position));
    }

    @Override
    public void rejected(SignalRecord signal) {
        pending.add(new Signal(signal));
        if (EntryOutcome.COOLDOWN_ACTIVE.equals(signal.rejectReason())) {
            pending.add(new Violation(signal.signal().symbol()));
        }
    }

    @Override
    public void snapshot(EquitySnapshot snapshot) {
        snapshots.add(snapshot);
    }

    @Override
    public void shadowsChanged(List<ShadowPosition> moved, List<ClosedShadow> closed) {
        moved.forEach(shadow -> shadowMoves.put(shadow.positionId() + "/" + shadow.label(), shadow));
        closed.forEach(shadow -> shadowMoves.remove(shadow.shadow().positionId() + "/" + shadow.shadow().label()));
        shadowExits.addAll(closed);
    }

    @Override
    public void tripBreaker(String reason, String actor, java.time.Instant marketTime, String detail) {
        pending.add(new Trip(reason, actor, marketTime, detail));
    }

    /** Writes not yet durable, this session's and those of the sessions before it not written yet, rows included. */
    @Override
    public int pendingWrites() {
        int count = 0;
        for (ReplayTradeLedger ledger = this; ledger != null; ledger = ledger.predecessor) {
            count += ledger.pending.size() + ledger.trails.size() + ledger.snapshots.size() + ledger.shadowMoves.size()
                    + ledger.shadowExits.size() + (ledger.session != null ? 1 : 0) + (ledger.end != null ? 1 : 0);
        }
        return count;
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        List<ReplayTradeLedger> chain = new ArrayList<>();
        for (ReplayTradeLedger ledger = this; ledger != null; ledger = ledger.predecessor) {
            chain.addFirst(ledger);
        }
        checkpoints.write(checkpoint, pendingWrites() == 0, connection -> {
            // a session whose row is written ends before the next one's row goes in: one open session per variant
            for (ReplayTradeLedger ledger : chain) {
                if (ledger.end != null) {
                    SessionStore.end(connection, ledger.binding.sessionId(), ledger.end);
                }
            }
            SessionStore.insert(connection, chain.stream().filter(ledger -> ledger.session != null).map(ledger -> ledger.session).toList());
            writeInOrder(connection, chain);
            LedgerStore.snapshots(connection, chain.stream().flatMap(ledger -> ledger.snapshots.stream()
                    .map(snapshot -> Map.entry(ledger.binding.sessionId(), snapshot))).toList());
        });
        for (ReplayTradeLedger ledger : chain) {
            ledger.pending.clear();
            ledger.trails.clear();
            ledger.snapshots.clear();
            ledger.shadowMoves.clear();
            ledger.shadowExits.clear();
            ledger.session = null;
            ledger.end = null;
            ledger.predecessor = null;
        }
    }

    /** A write of the chain with the session it belongs to. */
    private record Bound(LedgerBinding binding, Object write) {
    }

    /**
     * The chain's writes in their order — each session's decisions, then its trail moves, its shadows' moves and exits —
     * consecutive writes of one kind in one JDBC batch, across sessions (a rollover's chain of quiet sessions is a
     * handful of statements, not a few per session).
     */
    private static void writeInOrder(Connection connection, List<ReplayTradeLedger> chain) throws SQLException {
        List<Bound> writes = new ArrayList<>();
        for (ReplayTradeLedger ledger : chain) {
            ledger.pending.forEach(write -> writes.add(new Bound(ledger.binding, write)));
            ledger.trails.values().forEach(position -> writes.add(new Bound(ledger.binding, position)));
            ledger.shadowMoves.values().forEach(shadow -> writes.add(new Bound(ledger.binding, shadow)));
            ledger.shadowExits.forEach(shadow -> writes.add(new Bound(ledger.binding, shadow)));
        }
        int start = 0;
        while (start < writes.size()) {
            Class<?> kind = writes.get(start).write().getClass();
            int end = start;
            while (end < writes.size() && writes.get(end).write().getClass() == kind) {
                end++;
            }
            List<Bound> run = writes.subList(start, end);
            if (kind == Trip.class) {
                for (Bound bound : run) {
                    Trip trip = (Trip) bound.write();
                    BreakerStore.trip(connection, bound.binding().variant(), trip.reason(), trip.actor(), trip.marketTime(), trip.detail());
                }
            } else if (kind == Shadows.class) {
                for (Bound bound : run) {
                    Shadows shadows = (Shadows) bound.write();
                    ShadowStore.insert(connection, shadows.id(), shadows.order().entryPrice(), shadows.order().shadows());
                }
            } else if (kind == Position.class) {
                LedgerStore.moveTrails(connection, run.stream().map(bound -> (Position) bound.write()).toList());
            } else if (kind == ShadowPosition.class) {
                ShadowStore.move(connection, run.stream().map(bound -> (ShadowPosition) bound.write()).toList());
            } else if (kind == ClosedShadow.class) {
                ShadowStore.close(connection, run.stream().map(bound -> (ClosedShadow) bound.write()).toList());
            } else {
                batch(connection, run);
            }
            start = end;
        }
    }

    private static void batch(Connection connection, List<Bound> run) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql((Write) run.getFirst().write()))) {
            for (Bound bound : run) {
                switch ((Write) bound.write()) {
                    case Insert insert -> LedgerStore.bindInsert(statement, insert.id(), bound.binding(), insert.order());
                    case Protect protect -> LedgerStore.bindProtect(statement, protect.order());
                    case Signal signal -> LedgerStore.bindSignal(statement, bound.binding(), signal.record());
                    case Violation violation -> statement.setString(1, violation.symbol());
                    case Close close -> LedgerStore.bindClose(statement, close.closed());
                    case Trip trip -> throw new IllegalStateException("a breaker trip is not batched: " + trip);
                    case Shadows shadows -> throw new IllegalStateException("shadows are written by their own batch: " + shadows);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static String sql(Write write) {
        return switch (write) {
            case Insert insert -> LedgerStore.INSERT_POSITION;
            case Protect protect -> LedgerStore.PROTECT;
            case Signal signal -> LedgerStore.INSERT_SIGNAL;
            case Violation violation -> LedgerStore.COUNT_VIOLATION;
            case Close close -> LedgerStore.CLOSE_POSITION;
            case Trip trip -> throw new IllegalStateException("a breaker trip is not batched: " + trip);
            case Shadows shadows -> throw new IllegalStateException("shadows are written by their own batch: " + shadows);
        };
    }

    private long nextId() {
        if (reservedIds.isEmpty()) {
            reservedIds.addAll(transactions.executeWrite(status -> IdentityIds.reserve(status.getConnection(), "positions", ID_BLOCK)));
        }
        return reservedIds.removeFirst();
    }
}
