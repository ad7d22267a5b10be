package dev.sigil.fleet.db.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.sigil.fleet.core.config.ExitSettings;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.shadow.ClosedShadow;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import dev.sigil.fleet.core.shadow.ShadowStop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code shadow_exits} table (V11) for both ledgers: a shadow is inserted with its position (the entry's
 * transaction), and moved and closed by the checkpoint that records the resume point of the tick it happened in.
 * Prices go in exactly, like the positions' ({@link LedgerStore#exact}); the exit section is stored as the session's
 * config JSON writes it and read back into the record.
 */
public final class ShadowStore {

    static final String INSERT = """
            INSERT INTO shadow_exits (position_id, exit_config, exit_settings, status, stop_price, highest_price)
            VALUES (?, ?, CAST(? AS jsonb), 'open', ?, ?)""";
    static final String MOVE = """
            UPDATE shadow_exits SET highest_price = ?, trail_stop_price = ?
             WHERE position_id = ? AND exit_config = ? AND status = 'open'""";
    /** The close also records the highest price and the trail in force when the exit was decided. */
    static final String CLOSE = """
            UPDATE shadow_exits
               SET status = 'closed', exit_time = ?, exit_price = ?, exit_fee = ?, exit_reason = ?, realized_pnl = ?,
                   highest_price = ?, trail_stop_price = ?
             WHERE position_id = ? AND exit_config = ? AND status = 'open'""";
    private static final String OPEN = """
            SELECT s.position_id, s.exit_config, s.exit_settings::text, s.stop_price, s.highest_price, s.trail_stop_price,
                   p.symbol, p.entry_time, p.entry_price, p.qty, p.entry_fee, p.atr_at_entry
              FROM shadow_exits s JOIN positions p ON p.id = s.position_id
             WHERE s.status = 'open' AND p.variant_id = ?
             ORDER BY s.position_id, s.exit_config""";

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ShadowStore() {
    }

    /** Inserts the shadows of a position just inserted (in its transaction). */
    static void insert(Connection connection, long positionId, double entryPrice, List<ShadowStop> stops) throws SQLException {
        if (stops.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (ShadowStop stop : stops) {
                statement.setLong(1, positionId);
                statement.setString(2, stop.exit().label());
                statement.setString(3, json(stop.exit().exit()));
                LedgerStore.exact(statement, 4, stop.stopPrice());
                LedgerStore.exact(statement, 5, entryPrice);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static void move(Connection connection, Collection<ShadowPosition> moved) throws SQLException {
        if (moved.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MOVE)) {
            for (ShadowPosition shadow : moved) {
                LedgerStore.exact(statement, 1, shadow.state().highestPrice());
                LedgerStore.exact(statement, 2, shadow.state().trailActive() ? shadow.state().trailStopPrice() : Double.NaN);
                statement.setLong(3, shadow.positionId());
                statement.setString(4, shadow.label());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static void close(Connection connection, Collection<ClosedShadow> closed) throws SQLException {
        if (closed.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(CLOSE)) {
            for (ClosedShadow shadow : closed) {
                Position state = shadow.shadow().state();
                statement.setTimestamp(1, Timestamp.from(shadow.exitTime()));
                LedgerStore.exact(statement, 2, shadow.exitPrice());
                LedgerStore.exact(statement, 3, shadow.exitFee());
                statement.setString(4, shadow.reason().token());
                LedgerStore.exact(statement, 5, shadow.realizedPnl());
                LedgerStore.exact(statement, 6, state.highestPrice());
                LedgerStore.exact(statement, 7, state.trailActive() ? state.trailStopPrice() : Double.NaN);
                statement.setLong(8, shadow.shadow().positionId());
                statement.setString(9, shadow.shadow().label());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The variant's open shadows, as the engine follows them (whether or not their position is still open). */
    public static List<ShadowPosition> open(Connection connection, String variant) throws SQLException {
        List<ShadowPosition> open = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(OPEN)) {
            statement.setString(1, variant);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    double trail = rows.getDouble(6);
                    boolean noTrail = rows.wasNull();
                    Position state = new Position(rows.getLong(1), rows.getString(7), rows.getTimestamp(8).toInstant(), rows.getDouble(9),
                            rows.getDouble(10), rows.getDouble(11), rows.getDouble(4), rows.getDouble(12), rows.getDouble(5),
                            noTrail ? Double.NaN : trail);
                    open.add(new ShadowPosition(rows.getString(2), exit(rows.getString(3)), state));
                }
            }
        }
        return open;
    }

    static String json(ExitSettings exit) {
        try {
            return JSON.writeValueAsString(exit);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the exit section cannot be written as JSON", e);
        }
    }

    static ExitSettings exit(String json) {
        try {
            return JSON.readValue(json, ExitSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("shadow_exits.exit_settings is not an exit section: " + json, e);
        }
    }
}
