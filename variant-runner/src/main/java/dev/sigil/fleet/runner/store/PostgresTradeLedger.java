package dev.sigil.fleet.runner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EntryOutcome;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.engine.TradeLedger;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.strategy.EntrySignal;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's ledger on the variant's PostgreSQL database. An entry is one transaction: the per-(variant,
 * symbol) advisory lock (not acquired → {@code lock_busy}, the symbol is skipped this cycle), a re-check of open
 * position and protection under the lock, the insert, the cooldown written at open, the accepted signal. The
 * partial unique index on open positions is the backstop: a unique violation is a rejected entry, never a crash.
 */
public final class PostgresTradeLedger implements TradeLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIQUE_VIOLATION = "23505";

    private final TransactionOperations<Connection> transactions;
    private final RunnerRepositories repositories;
    private final String variant;
    private final long sessionId;
    private final String strategy;
    private final boolean deferTrails;
    private final Map<Long, Position> unwrittenTrails = new LinkedHashMap<>();
    private final List<EquitySnapshot> unwrittenSnapshots = new java.util.ArrayList<>();

    /**
     * @param deferTrails buffer trail moves and equity snapshots until {@link #checkpoint()} (replay: written with
     *     each heartbeat, so the resume point after a crash never runs ahead of them); otherwise written at once
     */
    public PostgresTradeLedger(TransactionOperations<Connection> transactions, RunnerRepositories repositories,
                               String variant, long sessionId, String strategy, boolean deferTrails) {
        this.transactions = transactions;
        this.repositories = repositories;
        this.variant = variant;
        this.sessionId = sessionId;
        this.strategy = strategy;
        this.deferTrails = deferTrails;
    }

    @Override
    public EntryOutcome open(EntryOrder order) {
        try {
            return transactions.executeWrite(status -> openLocked(order));
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return EntryOutcome.rejected(EntryOutcome.DUPLICATE_OPEN_POSITION);
            }
            throw e;
        }
    }

    private EntryOutcome openLocked(EntryOrder order) {
        PositionRepository positions = repositories.positions();
        if (!positions.tryEntryLock(AdvisoryKeys.entry(variant, order.symbol()))) {
            return EntryOutcome.rejected(EntryOutcome.LOCK_BUSY);
        }
        if (positions.hasOpen(order.symbol(), variant)) {
            return EntryOutcome.rejected(EntryOutcome.POSITION_OPEN);
        }
        if (repositories.protections().isProtected(order.symbol(), order.entryTime())) {
            return EntryOutcome.rejected(EntryOutcome.COOLDOWN_ACTIVE);
        }
        PositionRow saved = positions.save(new PositionRow(null, variant, sessionId, order.symbol(), "open", order.entryTime(),
                order.entryPrice(), order.qty(), order.entryFee(), order.stopPrice(), null, order.atrAtEntry(), order.entryPrice(),
                null, null, null, null, null));
        repositories.protections().protect(order.symbol(), order.protectedUntil(), order.entryTime());
        record(order.signal(), true, null, order.atrAtEntry());
        return EntryOutcome.opened(saved.id());
    }

    @Override
    public void close(ClosedPosition closed) {
        unwrittenTrails.remove(closed.position().id());
        // a retry after a commit whose reply was lost finds the row already closed: that is success, not an error
        transactions.executeWrite(status -> repositories.positions().close(closed.position().id(), closed.exitTime(),
                closed.exitPrice(), closed.exitFee(), closed.reason().token(), closed.realizedPnl()));
    }

    @Override
    public void trailsMoved(List<Position> moved) {
        moved.forEach(position -> unwrittenTrails.put(position.id(), position));
        if (!deferTrails) {
            checkpoint();
        }
    }

    /** Writes buffered trail moves and snapshots in one transaction; on failure they stay buffered and it throws. */
    public void checkpoint() {
        if (unwrittenTrails.isEmpty() && unwrittenSnapshots.isEmpty()) {
            return;
        }
        List<Position> moved = List.copyOf(unwrittenTrails.values());
        List<EquitySnapshot> snapshots = List.copyOf(unwrittenSnapshots);
        transactions.executeWrite(status -> {
            for (Position position : moved) {
                repositories.positions().moveTrail(position.id(), position.highestPrice(),
                        position.trailActive() ? position.trailStopPrice() : null);
            }
            for (EquitySnapshot snapshot : snapshots) {
                repositories.equity().record(sessionId, snapshot.at(), snapshot.equity(), snapshot.realizedPnl(), snapshot.openPositions());
            }
            return moved.size();
        });
        moved.forEach(position -> unwrittenTrails.remove(position.id(), position));
        unwrittenSnapshots.subList(0, snapshots.size()).clear();
    }

    @Override
    public void rejected(SignalRecord signal) {
        transactions.executeWrite(status -> {
            record(signal.signal(), false, signal.rejectReason(), signal.atr());
            if (EntryOutcome.COOLDOWN_ACTIVE.equals(signal.rejectReason())) {
                repositories.protections().countViolation(signal.signal().symbol());
            }
            return null;
        });
    }

    @Override
    public void snapshot(EquitySnapshot snapshot) {
        unwrittenSnapshots.add(snapshot);
        if (!deferTrails) {
            checkpoint();
        }
    }

    private void record(EntrySignal signal, boolean accepted, String rejectReason, double atr) {
        repositories.signals().record(sessionId, signal.symbol(), signal.candleTime(), strategy, accepted, rejectReason,
                signal.close(), Double.isNaN(atr) ? null : atr, json(signal.detail()));
    }

    private static String json(Map<String, Double> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal detail cannot be written as JSON", e);
        }
    }

    static boolean isUniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
