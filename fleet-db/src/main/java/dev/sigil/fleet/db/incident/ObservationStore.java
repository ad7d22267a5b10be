package dev.sigil.fleet.db.incident;

import dev.sigil.fleet.db.Columns;
import dev.sigil.fleet.db.heartbeat.HeartbeatStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** {@code monitor_observations}: since when a variant's newest candle has not moved, and its flapping reports. */
public final class ObservationStore {

    private ObservationStore() {
    }

    /** Records the newest candle time seen now; returns when it last changed (now, if it just did or is new). */
    public static Instant candleAdvancedAt(Connection connection, String variant, Instant newestCandle, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO monitor_observations (variant_id, newest_candle_time, candle_advanced_at, updated_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE
                   SET candle_advanced_at = CASE WHEN monitor_observations.newest_candle_time IS DISTINCT FROM EXCLUDED.newest_candle_time
                                                 THEN EXCLUDED.candle_advanced_at ELSE monitor_observations.candle_advanced_at END,
                       newest_candle_time = EXCLUDED.newest_candle_time, updated_at = EXCLUDED.updated_at
             RETURNING candle_advanced_at""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, newestCandle == null ? null : Timestamp.from(newestCandle));
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getTimestamp(1).toInstant();
            }
        }
    }

    /** When the variant's last flapping report went out (null: never). */
    public static Instant flappingReportedAt(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT flapping_alerted_at FROM monitor_observations WHERE variant_id = ?")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Columns.instant(row.getTimestamp(1)) : null;
            }
        }
    }

    /**
     * Claims the variant's flapping report: true if the last report is still the one this monitor read ({@code seen},
     * null for none), so of two monitors deciding on the same reading one sends. When a report is due is the policy's
     * to say ({@code IncidentPolicy}), not this store's.
     */
    public static boolean claimFlappingReport(Connection connection, String variant, Instant now, Instant seen) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO monitor_observations (variant_id, candle_advanced_at, flapping_alerted_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE SET flapping_alerted_at = EXCLUDED.flapping_alerted_at
                 WHERE monitor_observations.flapping_alerted_at IS NOT DISTINCT FROM ?""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setTimestamp(5, seen == null ? null : Timestamp.from(seen));
            return statement.executeUpdate() == 1;
        }
    }

    /** Gives back a flapping report whose delivery failed. */
    public static void releaseFlappingReport(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE monitor_observations SET flapping_alerted_at = NULL WHERE variant_id = ?")) {
            statement.setString(1, variant);
            statement.executeUpdate();
        }
    }

    /** The session whose clean stop was last told (null: none). */
    public static Long stoppedNoticeSession(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT stopped_notice_session FROM monitor_observations WHERE variant_id = ?")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? (Long) row.getObject(1, Long.class) : null;
            }
        }
    }

    /** Claims the notice of the clean stop after {@code session}: true for the one monitor that should send it. */
    public static boolean claimStoppedNotice(Connection connection, String variant, long session, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO monitor_observations (variant_id, candle_advanced_at, stopped_notice_session, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE SET stopped_notice_session = EXCLUDED.stopped_notice_session
                 WHERE monitor_observations.stopped_notice_session IS DISTINCT FROM EXCLUDED.stopped_notice_session""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setLong(3, session);
            statement.setTimestamp(4, Timestamp.from(now));
            return statement.executeUpdate() == 1;
        }
    }

    /** Gives back a stop notice whose delivery failed. */
    public static void releaseStoppedNotice(Connection connection, String variant, long session) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE monitor_observations SET stopped_notice_session = NULL WHERE variant_id = ? AND stopped_notice_session = ?")) {
            statement.setString(1, variant);
            statement.setLong(2, session);
            statement.executeUpdate();
        }
    }
}
