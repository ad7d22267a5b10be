package dev.sigil.fleet.runner.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * {@code scanner_heartbeat}: written when each cycle starts and ends (wall clock), with the newest candle time
 * seen (never moved back) and the candles processed, so "alive but market data stalled" shows, and with the session, host and pid of
 * the process, so the monitor and operators see who is writing.
 *
 * <p>Each write is one statement on a connection of its own in autocommit: one round trip, where a transaction around
 * it took two (its COMMIT), twice a cycle.
 */
@Singleton
public final class HeartbeatStore {

    private final DataSource dataSource;

    public HeartbeatStore(DataSource dataSource) {
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Runs one statement in autocommit; a database error is thrown unchecked (the loop logs a heartbeat not written). */
    private void write(String sql, StatementBinder binder) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new io.micronaut.data.exceptions.DataAccessException("heartbeat not written: " + e.getMessage(), e);
        }
    }

    private interface StatementBinder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    public void scanStarted(String variant, long sessionId, Instant at, String host, long pid) {
        write("""
                INSERT INTO scanner_heartbeat (variant_id, last_scan_start, updated_at, session_id, host, pid)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE
                   SET last_scan_start = EXCLUDED.last_scan_start, updated_at = EXCLUDED.updated_at,
                       session_id = EXCLUDED.session_id, host = EXCLUDED.host, pid = EXCLUDED.pid""", statement -> {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setTimestamp(3, Timestamp.from(at));
            statement.setLong(4, sessionId);
            statement.setString(5, host);
            statement.setLong(6, pid);
        });
    }

    public void scanEnded(String variant, Instant at, Instant newestCandle, int candlesProcessed) {
        write("""
                UPDATE scanner_heartbeat
                   SET last_scan_end = ?, updated_at = ?, candles_processed = ?,
                       newest_candle_time = greatest(newest_candle_time, ?)
                 WHERE variant_id = ?""", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setInt(3, candlesProcessed);
            statement.setTimestamp(4, newestCandle == null ? null : Timestamp.from(newestCandle));
            statement.setString(5, variant);
        });
    }
}
