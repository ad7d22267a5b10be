package dev.sigil.fleet.db.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What {@code fleet status} shows of one variant, read from its database: mode, circuit breaker, heartbeat, its latest
 * session (running, or how it ended), open positions, equity (latest snapshot), today's (UTC) realized P&L, and why the
 * overlay on disk was refused at the last session start (null: it was not).
 */
public record VariantStatus(String variant, String mode, String breaker, String breakerReason, Instant lastScanEnd,
                            Instant lastScanStart, Instant newestCandle, Long sessionId, Instant sessionStartedAt, String marketData,
                            String sessionEndReason, int openPositions, Double equity, double realizedToday, String overlayProblem) {

    public static VariantStatus read(Connection connection, String variant, Instant now) throws SQLException {
        String mode = text(connection, "SELECT value FROM engine_state WHERE key = 'mode'");
        String overlay = text(connection, "SELECT value FROM engine_state WHERE key = 'config.overlay_problem'");
        String breaker = "closed";
        String reason = null;
        try (PreparedStatement statement = connection.prepareStatement("SELECT state, reason FROM circuit_breaker WHERE variant_id = ?")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    breaker = row.getString(1);
                    reason = row.getString(2);
                }
            }
        }
        Instant end = null;
        Instant start = null;
        Instant candle = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT last_scan_end, last_scan_start, newest_candle_time FROM scanner_heartbeat WHERE variant_id = ?")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    end = instant(row, 1);
                    start = instant(row, 2);
                    candle = instant(row, 3);
                }
            }
        }
        Long session = null;
        Instant started = null;
        String market = null;
        String ended = null;
        Double equity = null;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.id, s.started_at, s.market_data, s.end_reason,
                       (SELECT e.equity::float8 FROM equity_snapshots e JOIN sessions x ON x.id = e.session_id
                         WHERE x.variant_id = s.variant_id ORDER BY e.session_id DESC, e.at DESC LIMIT 1)
                  FROM sessions s WHERE s.variant_id = ? ORDER BY s.id DESC LIMIT 1""")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    session = row.getLong(1);
                    started = instant(row, 2);
                    market = row.getString(3);
                    ended = row.getString(4);
                    equity = (Double) row.getObject(5, Double.class);
                }
            }
        }
        int open = 0;
        double today = 0;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT count(*) FILTER (WHERE status = 'open'),
                       coalesce(sum(realized_pnl) FILTER (WHERE status = 'closed' AND exit_time >= date_trunc('day', ?::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0)::float8
                  FROM positions WHERE variant_id = ?""")) {
            statement.setTimestamp(1, java.sql.Timestamp.from(now));
            statement.setString(2, variant);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                open = row.getInt(1);
                today = row.getDouble(2);
            }
        }
        return new VariantStatus(variant, mode == null ? "-" : mode, breaker, reason, end, start, candle, session, started, market, ended, open,
                equity, today, overlay == null || overlay.isEmpty() ? null : overlay);
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        var timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
