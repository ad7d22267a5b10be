package dev.sigil.fleet.io.monitor;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Reads a variant's {@code scanner_heartbeat} row. */
public final class HeartbeatReader {

    private HeartbeatReader() {
    }

    public static Optional<Heartbeat> read(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT last_scan_start, last_scan_end, newest_candle_time, candles_processed, session_id, host, pid
                  FROM scanner_heartbeat WHERE variant_id = ?""")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Heartbeat(variant, instant(row.getTimestamp(1)), instant(row.getTimestamp(2)), instant(row.getTimestamp(3)),
                        row.getInt(4), (Long) row.getObject(5, Long.class), row.getString(6), (Long) row.getObject(7, Long.class)));
            }
        }
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
