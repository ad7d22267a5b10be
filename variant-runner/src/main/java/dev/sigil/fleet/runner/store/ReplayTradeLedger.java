package dev.sigil.fleet.runner.store;

import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EntryOutcome;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.io.breaker.BreakerStore;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger of a replay: decisions are kept in order in memory and written by {@link #checkpoint} in one
 * transaction with the resume point and the engine state, so the database always holds whole ticks and a runner
 * killed at any moment resumes exactly where its data stops. Each entry still goes in with its cooldown and its
 * accepted signal (the same transaction). The instance lock makes the runner the only writer, so the entry checks
 * are the engine's own; the partial unique index stays the backstop. Position ids are reserved from the table's
 * identity sequence in blocks, so the engine knows an entry's id at once.
 */
public final class ReplayTradeLedger implements RunnerLedger {

    private static final int ID_BLOCK = 64;

    private sealed interface Write permits Insert, Protect, Signal, Violation, Close, Trip {
    }

    private record Insert(long id, EntryOrder order) implements Write {
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
    private final Deque<Long> reservedIds;

    /** @param reservedIds position ids reserved but not used yet, shared by the runner's successive ledgers */
    public ReplayTradeLedger(TransactionOperations<Connection> transactions, ProgressStore progress, EngineStateStore engineState,
                             LedgerBinding binding, Deque<Long> reservedIds) {
        this.reservedIds = reservedIds;
        this.transactions = transactions;
        this.binding = binding;
        this.checkpoints = new CheckpointWriter(transactions, progress, engineState, binding);
    }

    @Override
    public EntryOutcome open(EntryOrder order) {
        long id = nextId();
        pending.add(new Insert(id, order));
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
    public void tripBreaker(String reason, String actor, java.time.Instant marketTime, String detail) {
        pending.add(new Trip(reason, actor, marketTime, detail));
    }

    @Override
    public int pendingWrites() {
        return pending.size() + trails.size() + snapshots.size();
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        checkpoints.write(checkpoint, pendingWrites() == 0, connection -> {
            writeInOrder(connection);
            LedgerSql.moveTrails(connection, trails.values());
            LedgerSql.snapshots(connection, binding.sessionId(), snapshots);
        });
        pending.clear();
        trails.clear();
        snapshots.clear();
    }

    /** Consecutive writes of one kind go in one JDBC batch; the order of the decisions is kept. */
    private void writeInOrder(Connection connection) throws SQLException {
        int start = 0;
        while (start < pending.size()) {
            Class<?> kind = pending.get(start).getClass();
            int end = start;
            while (end < pending.size() && pending.get(end).getClass() == kind) {
                end++;
            }
            List<Write> run = pending.subList(start, end);
            if (kind == Trip.class) {
                for (Write write : run) {
                    Trip trip = (Trip) write;
                    BreakerStore.trip(connection, binding.variant(), trip.reason(), trip.actor(), trip.marketTime(), trip.detail());
                }
            } else {
                batch(connection, kind, run);
            }
            start = end;
        }
    }

    private void batch(Connection connection, Class<?> kind, List<Write> run) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql(run.getFirst()))) {
            for (Write write : run) {
                switch (write) {
                    case Insert insert -> LedgerSql.bindInsert(statement, insert.id(), binding, insert.order());
                    case Protect protect -> LedgerSql.bindProtect(statement, protect.order());
                    case Signal signal -> LedgerSql.bindSignal(statement, binding, signal.record());
                    case Violation violation -> statement.setString(1, violation.symbol());
                    case Close close -> LedgerSql.bindClose(statement, close.closed());
                    case Trip trip -> throw new IllegalStateException("a breaker trip is not batched: " + trip);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static String sql(Write write) {
        return switch (write) {
            case Insert insert -> LedgerSql.INSERT_POSITION;
            case Protect protect -> LedgerSql.PROTECT;
            case Signal signal -> LedgerSql.INSERT_SIGNAL;
            case Violation violation -> LedgerSql.COUNT_VIOLATION;
            case Close close -> LedgerSql.CLOSE_POSITION;
            case Trip trip -> throw new IllegalStateException("a breaker trip is not batched: " + trip);
        };
    }

    private long nextId() {
        if (reservedIds.isEmpty()) {
            transactions.executeWrite(status -> {
                try (PreparedStatement statement = status.getConnection().prepareStatement(
                        "SELECT nextval(pg_get_serial_sequence('positions', 'id')) FROM generate_series(1, ?)")) {
                    statement.setInt(1, ID_BLOCK);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            reservedIds.addLast(rows.getLong(1));
                        }
                    }
                }
                return null;
            });
        }
        return reservedIds.removeFirst();
    }
}
