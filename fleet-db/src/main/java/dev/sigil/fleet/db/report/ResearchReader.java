package dev.sigil.fleet.db.report;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.core.research.ClosedTrade;
import dev.sigil.fleet.core.research.EntryResult;
import dev.sigil.fleet.core.research.EquityPoint;
import dev.sigil.fleet.core.research.PairedComparison;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What research reads of one variant's database over the sessions started in a window: its closed trades (with the
 * initial risk each took), its entries' results in R — each closed position with the value of the key under test its
 * session ran with, and each closed shadow exit with its own value — its equity curve, its HALTs and breaker trips,
 * the value of the key (the key the grid's arms are made of) and the minimum effect as the latest of those sessions
 * ran with them.
 *
 * @param minimumEffect {@code research.minimum_effect_r} of the latest session (NaN: a session from before it existed)
 */
public record ResearchReader(String variant, List<ClosedTrade> trades, List<EntryResult> results, List<EquityPoint> curve, int halts,
                             int breakerTrips, String keyValue, double minimumEffect, int sessions) {

    /** What the paired comparison takes of this variant. */
    public PairedComparison.VariantData data() {
        return new PairedComparison.VariantData(variant, keyValue, results, curve);
    }

    /**
     * @param from sessions started at or after (inclusive)
     * @param until sessions started before (exclusive; null: no end)
     * @param key a config key path, e.g. {@code exit.hard_stop_multiplier}
     */
    public static ResearchReader read(Connection connection, String variant, Instant from, Instant until, String key) throws SQLException {
        String[] path = key.split("\\.", 2);
        String sessions = "SELECT id FROM sessions WHERE variant_id = ? AND started_at >= ? AND (?::timestamptz IS NULL OR started_at < ?)";
        List<ClosedTrade> trades = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT symbol, entry_time, exit_time, exit_reason, realized_pnl::float8, ((entry_price - stop_price) * qty)::float8,
                       ((entry_price - stop_price) / entry_price * 100)::float8
                  FROM positions WHERE status = 'closed' AND session_id IN (%s) ORDER BY exit_time, id""".formatted(sessions))) {
            bind(statement, variant, from, until);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    trades.add(new ClosedTrade(rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant(), rows.getString(4),
                            rows.getDouble(5), rows.getDouble(6), rows.getDouble(7)));
                }
            }
        }
        List<EntryResult> results = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT p.id, p.symbol, p.entry_time, p.exit_time, p.exit_reason, p.realized_pnl::float8,
                       ((p.entry_price - p.stop_price) * p.qty)::float8, s.config_json->?->>?, false
                  FROM positions p JOIN sessions s ON s.id = p.session_id
                 WHERE p.status = 'closed' AND p.session_id IN (%1$s)
                UNION ALL
                SELECT p.id, p.symbol, p.entry_time, x.exit_time, x.exit_reason, x.realized_pnl::float8,
                       ((p.entry_price - x.stop_price) * p.qty)::float8,
                       CASE WHEN ? = 'exit' THEN x.exit_settings->>? ELSE s.config_json->?->>? END, true
                  FROM shadow_exits x JOIN positions p ON p.id = x.position_id JOIN sessions s ON s.id = p.session_id
                 WHERE x.status = 'closed' AND p.session_id IN (%1$s)
                 ORDER BY 4, 1, 9""".formatted(sessions))) {
            int at = 1;
            statement.setString(at++, path[0]);
            statement.setString(at++, path.length > 1 ? path[1] : "");
            at = bindAt(statement, at, variant, from, until);
            statement.setString(at++, path[0]);
            statement.setString(at++, path.length > 1 ? path[1] : "");
            statement.setString(at++, path[0]);
            statement.setString(at++, path.length > 1 ? path[1] : "");
            bindAt(statement, at, variant, from, until);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    double risk = rows.getDouble(7);
                    results.add(new EntryResult(variant, rows.getLong(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getTimestamp(4).toInstant(), String.valueOf(rows.getString(8)), rows.getBoolean(9), rows.getString(5),
                            risk > 0 ? rows.getDouble(6) / risk : Double.NaN, rows.getDouble(6)));
                }
            }
        }
        List<EquityPoint> curve = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT at, equity::float8 FROM equity_snapshots WHERE session_id IN (%s) ORDER BY at".formatted(sessions))) {
            bind(statement, variant, from, until);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    curve.add(new EquityPoint(rows.getTimestamp(1).toInstant(), rows.getDouble(2)));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT count(*) FILTER (WHERE end_reason LIKE ?), count(*),
                       (SELECT config_json->?->>? FROM sessions WHERE id = (SELECT max(id) FROM (%s) s)),
                       (SELECT (config_json->'research'->>'minimum_effect_r')::float8 FROM sessions WHERE id = (SELECT max(id) FROM (%s) s)),
                       (SELECT count(*) FROM circuit_breaker_events e WHERE e.variant_id = ? AND e.event = 'trip'
                           AND e.at >= coalesce((SELECT min(started_at) FROM sessions WHERE id IN (%s)), 'infinity'))
                  FROM sessions WHERE id IN (%s)""".formatted(sessions, sessions, sessions, sessions))) {
            statement.setString(1, EndReason.haltPattern());
            statement.setString(2, path[0]);
            statement.setString(3, path.length > 1 ? path[1] : "");
            int at = 4;
            at = bindAt(statement, at, variant, from, until);
            at = bindAt(statement, at, variant, from, until);
            statement.setString(at++, variant);
            at = bindAt(statement, at, variant, from, until);
            bindAt(statement, at, variant, from, until);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                double minimumEffect = row.getDouble(4);
                boolean noMinimum = row.wasNull();
                return new ResearchReader(variant, trades, results, curve, row.getInt(1), row.getInt(5), row.getString(3),
                        noMinimum ? Double.NaN : minimumEffect, row.getInt(2));
            }
        }
    }

    private static void bind(PreparedStatement statement, String variant, Instant from, Instant until) throws SQLException {
        bindAt(statement, 1, variant, from, until);
    }

    private static int bindAt(PreparedStatement statement, int at, String variant, Instant from, Instant until) throws SQLException {
        statement.setString(at, variant);
        statement.setTimestamp(at + 1, Timestamp.from(from));
        statement.setTimestamp(at + 2, until == null ? null : Timestamp.from(until));
        statement.setTimestamp(at + 3, until == null ? null : Timestamp.from(until));
        return at + 4;
    }
}
