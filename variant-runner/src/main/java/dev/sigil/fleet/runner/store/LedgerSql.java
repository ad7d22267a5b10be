package dev.sigil.fleet.runner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.Map;

/**
 * The ledger's writes as plain SQL, for the replay ledger's JDBC batches. A signal is recorded once per candle and
 * strategy, an equity snapshot once per tick-clock instant ({@code ON CONFLICT DO NOTHING}): writing a tick twice
 * changes nothing.
 */
final class LedgerSql {

    static final String INSERT_POSITION = """
            INSERT INTO positions (id, variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee,
                                   stop_price, trail_stop_price, atr_at_entry, highest_price)
            OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, NULL, ?, ?)""";
    static final String PROTECT = """
            INSERT INTO symbol_protections (symbol, expires_at, violation_count, created_at)
            VALUES (?, ?, 0, ?)
            ON CONFLICT (symbol) DO UPDATE
               SET expires_at = EXCLUDED.expires_at, violation_count = 0, created_at = EXCLUDED.created_at""";
    static final String INSERT_SIGNAL = """
            INSERT INTO signals (session_id, symbol, candle_time, strategy, accepted, reject_reason, price, atr, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (symbol, candle_time, strategy) DO NOTHING""";
    static final String COUNT_VIOLATION = "UPDATE symbol_protections SET violation_count = violation_count + 1 WHERE symbol = ?";
    static final String CLOSE_POSITION = """
            UPDATE positions
               SET status = 'closed', exit_time = ?, exit_price = ?, exit_fee = ?, exit_reason = ?, realized_pnl = ?
             WHERE id = ? AND status = 'open'""";
    static final String MOVE_TRAIL = "UPDATE positions SET highest_price = ?, trail_stop_price = ? WHERE id = ? AND status = 'open'";
    static final String INSERT_SNAPSHOT = """
            INSERT INTO equity_snapshots (session_id, at, equity, realized_pnl, open_positions)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (at) DO NOTHING""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerSql() {
    }

    static void bindInsert(PreparedStatement statement, long id, LedgerBinding binding, EntryOrder order) throws SQLException {
        statement.setLong(1, id);
        statement.setString(2, binding.variant());
        statement.setLong(3, binding.sessionId());
        statement.setString(4, order.symbol());
        statement.setTimestamp(5, Timestamp.from(order.entryTime()));
        statement.setDouble(6, order.entryPrice());
        statement.setDouble(7, order.qty());
        statement.setDouble(8, order.entryFee());
        statement.setDouble(9, order.stopPrice());
        statement.setDouble(10, order.atrAtEntry());
        statement.setDouble(11, order.entryPrice());
    }

    static void bindProtect(PreparedStatement statement, EntryOrder order) throws SQLException {
        statement.setString(1, order.symbol());
        statement.setTimestamp(2, Timestamp.from(order.protectedUntil()));
        statement.setTimestamp(3, Timestamp.from(order.entryTime()));
    }

    static void bindSignal(PreparedStatement statement, LedgerBinding binding, SignalRecord record) throws SQLException {
        statement.setLong(1, binding.sessionId());
        statement.setString(2, record.signal().symbol());
        statement.setTimestamp(3, Timestamp.from(record.signal().candleTime()));
        statement.setString(4, binding.strategy());
        statement.setBoolean(5, record.accepted());
        statement.setString(6, record.rejectReason());
        statement.setDouble(7, record.signal().close());
        if (Double.isNaN(record.atr())) {
            statement.setNull(8, Types.DOUBLE);
        } else {
            statement.setDouble(8, record.atr());
        }
        statement.setString(9, json(record.signal().detail()));
    }

    static void bindClose(PreparedStatement statement, ClosedPosition closed) throws SQLException {
        statement.setTimestamp(1, Timestamp.from(closed.exitTime()));
        statement.setDouble(2, closed.exitPrice());
        statement.setDouble(3, closed.exitFee());
        statement.setString(4, closed.reason().token());
        statement.setDouble(5, closed.realizedPnl());
        statement.setLong(6, closed.position().id());
    }

    static void moveTrails(Connection connection, Collection<Position> moved) throws SQLException {
        if (moved.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MOVE_TRAIL)) {
            for (Position position : moved) {
                statement.setDouble(1, position.highestPrice());
                if (position.trailActive()) {
                    statement.setDouble(2, position.trailStopPrice());
                } else {
                    statement.setNull(2, Types.DOUBLE);
                }
                statement.setLong(3, position.id());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static void snapshots(Connection connection, long sessionId, Collection<EquitySnapshot> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_SNAPSHOT)) {
            for (EquitySnapshot snapshot : snapshots) {
                statement.setLong(1, sessionId);
                statement.setTimestamp(2, Timestamp.from(snapshot.at()));
                statement.setDouble(3, snapshot.equity());
                statement.setDouble(4, snapshot.realizedPnl());
                statement.setInt(5, snapshot.openPositions());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static String json(Map<String, Double> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal detail cannot be written as JSON", e);
        }
    }
}
