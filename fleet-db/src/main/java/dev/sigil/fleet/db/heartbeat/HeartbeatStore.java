package dev.sigil.fleet.db.heartbeat;

import static dev.sigil.fleet.db.Columns.instant;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.db.InstanceLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code scanner_heartbeat}: written by the runner, read by the monitor, the probe and fleet status; written when each cycle starts and ends (wall clock), with the newest candle time
 * seen (never moved back) and the candles processed, so "alive but market data stalled" shows, and with the session, host and pid of
 * the process, so the monitor and operators see who is writing.
 *
 * <p>Each write is one statement in autocommit on the connection it is given — the runner gives the one holding its
 * instance lock ({@link InstanceLock#whileHeld}), so the write is also the cycle's lock check: one round trip, where
 * a transaction around it took two (its COMMIT) and the lock check a third.
 */
public final class HeartbeatStore {

    private HeartbeatStore() {
    }

    public static void scanStarted(Connection connection, String variant, long sessionId, Instant at, String host, long pid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO scanner_heartbeat (variant_id, last_scan_start, updated_at, session_id, host, pid)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE
                   SET last_scan_start = EXCLUDED.last_scan_start, updated_at = EXCLUDED.updated_at,
                       session_id = EXCLUDED.session_id, host = EXCLUDED.host, pid = EXCLUDED.pid""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setTimestamp(3, Timestamp.from(at));
            statement.setLong(4, sessionId);
            statement.setString(5, host);
            statement.setLong(6, pid);
            statement.executeUpdate();
        }
    }

    public static void scanEnded(Connection connection, String variant, Instant at, Instant newestCandle, int candlesProcessed) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE scanner_heartbeat
                   SET last_scan_end = ?, updated_at = ?, candles_processed = ?,
                       newest_candle_time = greatest(newest_candle_time, ?)
                 WHERE variant_id = ?""")) {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setInt(3, candlesProcessed);
            statement.setTimestamp(4, newestCandle == null ? null : Timestamp.from(newestCandle));
            statement.setString(5, variant);
            statement.executeUpdate();
        }
    }

    /** The variant's row, if it has written one (the monitor, the probe and fleet status read it). */
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
}
