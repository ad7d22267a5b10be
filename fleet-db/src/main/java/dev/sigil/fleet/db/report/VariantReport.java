package dev.sigil.fleet.db.report;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.core.report.StopDistances;
import dev.sigil.fleet.core.report.TradeStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A variant database's results over a run of sessions (a HALT starts a new session mid-run), read with plain SQL:
 * the trades closed, how each session ended, the breaker, and the account at the end. Used by
 * {@code fleet backtest}, {@code fleet demo} and variant comparisons.
 */
public record VariantReport(String variant, Long sessionId, String endReason, TradeStats stats, int openPositions,
                            double equity, double maxDrawdownPct, Instant firstTrade, Instant lastTrade, String breaker,
                            StopDistances stops, List<Halt> halts, double tradedShare) {

    /** A session ended by HALT: when on the tick clock, and why. */
    public record Halt(Instant at, String reason) {
    }

    /** The report of one session. */
    public static VariantReport ofSession(Connection connection, String variant, long sessionId) throws SQLException {
        return ofSessions(connection, variant, sessionId, sessionId);
    }

    /**
     * The report of sessions {@code firstSessionId..sessionId}: their trades and drawdown together, their end reasons
     * in order ({@code halt:degraded_episode_cap → replay_exhausted}), the account after the last.
     */
    public static VariantReport ofSessions(Connection connection, String variant, long firstSessionId, long sessionId) throws SQLException {
        // two queries however many sessions (a month's replay has hundreds), in session order
        List<TradeStats.Trade> trades = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT exit_reason, realized_pnl::float8 FROM positions
                 WHERE status = 'closed' AND session_id BETWEEN ? AND ? ORDER BY session_id, exit_time, id""")) {
            statement.setLong(1, firstSessionId);
            statement.setLong(2, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    trades.add(new TradeStats.Trade(rows.getString(1), rows.getDouble(2)));
                }
            }
        }
        List<String> endReasons = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT end_reason FROM sessions WHERE id BETWEEN ? AND ? AND end_reason IS NOT NULL ORDER BY id")) {
            statement.setLong(1, firstSessionId);
            statement.setLong(2, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    endReasons.add(rows.getString(1));
                }
            }
        }
        String endReason = runs(endReasons);
        double startingBalance = number(connection,
                "SELECT (config_json->'paper'->>'starting_balance_usd')::float8 FROM sessions WHERE id = ?", sessionId);
        double realizedEver = number(connection,
                "SELECT coalesce(sum(realized_pnl), 0)::float8 FROM positions WHERE variant_id = (SELECT variant_id FROM sessions WHERE id = ?) AND status = 'closed'", sessionId);
        int open = (int) number(connection,
                "SELECT count(*) FROM positions WHERE variant_id = (SELECT variant_id FROM sessions WHERE id = ?) AND status = 'open'", sessionId);
        double lastEquity = number(connection,
                "SELECT coalesce((SELECT equity::float8 FROM equity_snapshots WHERE session_id = ? ORDER BY at DESC LIMIT 1), 'NaN'::float8)", sessionId);
        double drawdown = number(connection, """
                SELECT coalesce(max((peak - equity) / peak * 100), 0)::float8
                  FROM (SELECT equity, max(equity) OVER (ORDER BY session_id, at) AS peak
                          FROM equity_snapshots WHERE session_id BETWEEN %d AND ?) e""".formatted(firstSessionId), sessionId);
        Instant[] span = span(connection, sessionId);
        double equity = Double.isNaN(lastEquity) ? startingBalance + realizedEver : lastEquity;
        String breaker = text(connection, """
                SELECT CASE WHEN state = 'tripped' THEN 'tripped: ' || reason || ' by ' || tripped_by ELSE 'closed' END
                  FROM circuit_breaker WHERE variant_id = (SELECT variant_id FROM sessions WHERE id = ?)""", sessionId);
        return new VariantReport(variant, sessionId, endReason, TradeStats.of(trades), open, equity, drawdown, span[0], span[1],
                breaker == null ? "closed" : breaker, StopDistances.of(stops(connection, firstSessionId, sessionId)),
                halts(connection, firstSessionId, sessionId), tradedShare(connection, firstSessionId, sessionId));
    }

    /**
     * End reasons in order, a run of the same reason written once with its count: a 30-day replay of 2-hour sessions
     * reads {@code duration_elapsed ×359 → replay_exhausted}.
     */
    static String runs(List<String> reasons) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < reasons.size(); ) {
            int j = i;
            while (j < reasons.size() && reasons.get(j).equals(reasons.get(i))) {
                j++;
            }
            parts.add(j - i == 1 ? reasons.get(i) : reasons.get(i) + " ×" + (j - i));
            i = j;
        }
        return String.join(" → ", parts);
    }

    /** The newest session of the database, if it has one. */
    public static Long latestSession(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT max(id) FROM sessions");
             ResultSet row = statement.executeQuery()) {
            row.next();
            long id = row.getLong(1);
            return row.wasNull() ? null : id;
        }
    }

    private static List<Halt> halts(Connection connection, long first, long last) throws SQLException {
        List<Halt> halts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT market_end, end_reason FROM sessions WHERE id BETWEEN ? AND ? AND end_reason LIKE ? ORDER BY id")) {
            statement.setLong(1, first);
            statement.setLong(2, last);
            statement.setString(3, EndReason.haltPattern());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    halts.add(new Halt(rows.getTimestamp(1) == null ? null : rows.getTimestamp(1).toInstant(), EndReason.parse(rows.getString(2)).haltReason()));
                }
            }
        }
        return halts;
    }

    /** The share of the sessions' tick-clock span during which the runner's breaker was closed (entries possible). */
    private static double tradedShare(Connection connection, long first, long last) throws SQLException {
        Instant start = null;
        Instant end = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT min(market_start), max(market_end) FROM sessions WHERE id BETWEEN ? AND ?")) {
            statement.setLong(1, first);
            statement.setLong(2, last);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next() && row.getTimestamp(1) != null && row.getTimestamp(2) != null) {
                    start = row.getTimestamp(1).toInstant();
                    end = row.getTimestamp(2).toInstant();
                }
            }
        }
        if (start == null) {
            return Double.NaN;
        }
        List<Map.Entry<String, Instant>> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT event, market_time FROM circuit_breaker_events
                 WHERE market_time IS NOT NULL AND at >= (SELECT started_at FROM sessions WHERE id = ?) ORDER BY id""")) {
            statement.setLong(1, first);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(Map.entry(rows.getString(1), rows.getTimestamp(2).toInstant()));
                }
            }
        }
        return tradedShare(start, end, events);
    }

    /** The share of {@code start..end} outside the breaker's trip → reset intervals (a trip never reset lasts to the end). */
    static double tradedShare(Instant start, Instant end, List<Map.Entry<String, Instant>> events) {
        long span = java.time.Duration.between(start, end).toSeconds();
        if (span <= 0) {
            return Double.NaN;
        }
        long tripped = 0;
        Instant since = null;
        for (var event : events) {
            Instant at = event.getValue().isBefore(start) ? start : event.getValue().isAfter(end) ? end : event.getValue();
            if (event.getKey().equals("trip") && since == null) {
                since = at;
            } else if (event.getKey().equals("reset") && since != null) {
                tripped += java.time.Duration.between(since, at).toSeconds();
                since = null;
            }
        }
        if (since != null) {
            tripped += java.time.Duration.between(since, end).toSeconds();
        }
        return 1.0 - (double) tripped / span;
    }

    /** The hard stops of the positions entered in sessions {@code first..last}, with their session's floor and cap. */
    private static List<StopDistances.Stop> stops(Connection connection, long first, long last) throws SQLException {
        List<StopDistances.Stop> stops = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT p.entry_price::float8, p.stop_price::float8,
                       (s.config_json->'exit'->>'hard_stop_floor_pct')::float8, (s.config_json->'exit'->>'hard_stop_cap_pct')::float8
                  FROM positions p JOIN sessions s ON s.id = p.session_id
                 WHERE p.session_id BETWEEN ? AND ?""")) {
            statement.setLong(1, first);
            statement.setLong(2, last);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stops.add(new StopDistances.Stop(rows.getDouble(1), rows.getDouble(2), rows.getDouble(3), rows.getDouble(4)));
                }
            }
        }
        return stops;
    }

    private static Instant[] span(Connection connection, long sessionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT min(entry_time), max(coalesce(exit_time, entry_time)) FROM positions WHERE session_id = ?")) {
            statement.setLong(1, sessionId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Instant[] {
                        row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant(),
                        row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant()};
            }
        }
    }

    private static double number(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getDouble(1);
            }
        }
    }

    private static String text(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
