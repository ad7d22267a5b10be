package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.engine.ProgressStore;
import dev.sigil.fleet.db.AdvisoryKeys;
import dev.sigil.fleet.core.candle.Candle;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's ledger on the variant's PostgreSQL database, live: an entry and an exit are written at once. An entry is
 * one transaction: the per-(variant, symbol) advisory lock (not acquired → {@code lock_busy}, the symbol is skipped this
 * cycle), a re-check of open position and protection under the lock, the insert, the entry cooldown written at open, the
 * accepted signal. The partial unique index on open positions is the backstop: a unique violation is a rejected
 * entry, never a crash. What the tick decides besides — trail moves, equity snapshots, rejected signals (and the
 * cooldown violations they count), shadow moves and exits — goes in with the tick's checkpoint (every live cycle makes
 * one), in its transaction with the engine state and the resume point: one transaction a cycle instead of one per
 * decision, and a cycle a crash cut short and the restart repeats records its rejections once. What a failed
 * checkpoint could not write stays pending for the next. The candles handed to the engine are recorded in whichever
 * transaction comes first after they were handed (usually the tick's checkpoint, else its entry or exit).
 */
public final class PostgresTradeLedger implements RunnerLedger {

    private static final String UNIQUE_VIOLATION = "23505";

    private final TransactionOperations<Connection> transactions;
    private final RunnerRepositories repositories;
    private final LedgerBinding binding;
    private final CheckpointWriter checkpoints;
    private final Map<Long, Position> unwrittenTrails = new LinkedHashMap<>();
    private final List<EquitySnapshot> unwrittenSnapshots = new ArrayList<>();
    private final List<Candle> unrecordedCandles = new ArrayList<>();
    private final Map<String, ShadowPosition> unwrittenShadowMoves = new LinkedHashMap<>();
    private final List<ClosedShadow> unwrittenShadowExits = new ArrayList<>();
    private final List<SignalRecord> unwrittenRejections = new ArrayList<>();

    public PostgresTradeLedger(TransactionOperations<Connection> transactions, RunnerRepositories repositories, ProgressStore progress,
                               EngineStateStore engineState, LedgerBinding binding) {
        this.transactions = transactions;
        this.repositories = repositories;
        this.binding = binding;
        this.checkpoints = new CheckpointWriter(transactions, progress, engineState, binding);
    }

    @Override
    public EntryOutcome open(EntryOrder order) {
        try {
            EntryOutcome outcome = transactions.executeWrite(status -> {
                LedgerStore.candles(status.getConnection(), unrecordedCandles);
                return openLocked(status.getConnection(), order);
            });
            unrecordedCandles.clear();
            return outcome;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return EntryOutcome.rejected(EntryOutcome.DUPLICATE_OPEN_POSITION);
            }
            throw e;
        }
    }

    private EntryOutcome openLocked(Connection connection, EntryOrder order) throws SQLException {
        PositionRepository positions = repositories.positions();
        if (!positions.tryEntryLock(AdvisoryKeys.entry(binding.variant(), order.symbol()))) {
            return EntryOutcome.rejected(EntryOutcome.LOCK_BUSY);
        }
        if (positions.hasOpen(order.symbol(), binding.variant())) {
            return EntryOutcome.rejected(EntryOutcome.POSITION_OPEN);
        }
        if (repositories.protections().isProtected(order.symbol(), order.entryTime())) {
            return EntryOutcome.rejected(EntryOutcome.COOLDOWN_ACTIVE);
        }
        long id = LedgerStore.insertPosition(connection, binding, order);
        ShadowStore.insert(connection, id, order.entryPrice(), order.shadows());
        LedgerStore.execute(connection, LedgerStore.PROTECT, statement -> LedgerStore.bindProtect(statement, order));
        record(connection, new SignalRecord(order.signal(), true, null, order.atrAtEntry()));
        return EntryOutcome.opened(id);
    }

    @Override
    public void close(ClosedPosition closed) {
        unwrittenTrails.remove(closed.position().id());
        // a retry after a commit whose reply was lost finds the row already closed: that is success, not an error
        transactions.executeWrite(status -> {
            LedgerStore.candles(status.getConnection(), unrecordedCandles);
            return LedgerStore.execute(status.getConnection(), LedgerStore.CLOSE_POSITION, statement -> LedgerStore.bindClose(statement, closed));
        });
        unrecordedCandles.clear();
    }

    @Override
    public void trailsMoved(List<Position> moved) {
        moved.forEach(position -> unwrittenTrails.put(position.id(), position));
    }

    @Override
    public void rejected(SignalRecord signal) {
        unwrittenRejections.add(signal);
    }

    @Override
    public void snapshot(EquitySnapshot snapshot) {
        unwrittenSnapshots.add(snapshot);
    }

    /** Kept for the tick's checkpoint, which writes them with the resume point they belong with. */
    @Override
    public void shadowsChanged(List<ShadowPosition> moved, List<ClosedShadow> closed) {
        moved.forEach(shadow -> unwrittenShadowMoves.put(shadow.positionId() + "/" + shadow.label(), shadow));
        closed.forEach(shadow -> unwrittenShadowMoves.remove(shadow.shadow().positionId() + "/" + shadow.shadow().label()));
        unwrittenShadowExits.addAll(closed);
    }

    @Override
    public void tripBreaker(String reason, String actor, java.time.Instant marketTime, String detail) {
        transactions.executeWrite(status -> BreakerStore.trip(status.getConnection(), binding.variant(), reason, actor, marketTime, detail));
    }

    @Override
    public void candles(List<Candle> candles) {
        unrecordedCandles.addAll(candles);
    }

    @Override
    public int pendingWrites() {
        return unwrittenTrails.size() + unwrittenSnapshots.size() + unrecordedCandles.size() + unwrittenShadowMoves.size()
                + unwrittenShadowExits.size() + unwrittenRejections.size();
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        checkpoints.write(checkpoint, pendingWrites() == 0, this::writeUnwritten);
        clearWritten();
    }

    private void writeUnwritten(Connection connection) throws SQLException {
        LedgerStore.candles(connection, unrecordedCandles);
        LedgerStore.moveTrails(connection, unwrittenTrails.values());
        LedgerStore.snapshots(connection, binding.sessionId(), unwrittenSnapshots);
        ShadowStore.move(connection, unwrittenShadowMoves.values());
        ShadowStore.close(connection, unwrittenShadowExits);
        if (!unwrittenRejections.isEmpty()) {
            try (PreparedStatement signals = connection.prepareStatement(LedgerStore.INSERT_SIGNAL);
                 PreparedStatement violations = connection.prepareStatement(LedgerStore.COUNT_VIOLATION)) {
                boolean violated = false;
                for (SignalRecord rejection : unwrittenRejections) {
                    LedgerStore.bindSignal(signals, binding, rejection);
                    signals.addBatch();
                    if (EntryOutcome.COOLDOWN_ACTIVE.equals(rejection.rejectReason())) {
                        violations.setString(1, rejection.signal().symbol());
                        violations.addBatch();
                        violated = true;
                    }
                }
                signals.executeBatch();
                if (violated) {
                    violations.executeBatch();
                }
            }
        }
    }

    private void clearWritten() {
        unrecordedCandles.clear();
        unwrittenTrails.clear();
        unwrittenSnapshots.clear();
        unwrittenShadowMoves.clear();
        unwrittenShadowExits.clear();
        unwrittenRejections.clear();
    }

    private void record(Connection connection, SignalRecord record) throws SQLException {
        LedgerStore.execute(connection, LedgerStore.INSERT_SIGNAL, statement -> LedgerStore.bindSignal(statement, binding, record));
    }

    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
