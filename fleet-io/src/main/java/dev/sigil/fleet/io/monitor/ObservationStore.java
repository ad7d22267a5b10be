package dev.sigil.fleet.io.monitor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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

    /** Claims the variant's flapping report for this hour; true if this monitor should send it. */
    public static boolean claimFlappingReport(Connection connection, String variant, Instant now, Duration every) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO monitor_observations (variant_id, candle_advanced_at, flapping_alerted_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE SET flapping_alerted_at = EXCLUDED.flapping_alerted_at
                 WHERE monitor_observations.flapping_alerted_at IS NULL OR monitor_observations.flapping_alerted_at <= ?""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setTimestamp(5, Timestamp.from(now.minus(every)));
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
}
