package dev.sigil.fleet.runner.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@code scanner_heartbeat}: written when each cycle starts and ends (wall clock), with the newest candle time
 * seen (never moved back) and the candles processed, so "alive but market data stalled" shows, and with the session, host and pid of
 * the process, so the monitor and operators see who is writing.
 */
@Singleton
public final class HeartbeatStore {

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public HeartbeatStore(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public void scanStarted(String variant, long sessionId, Instant at, String host, long pid) {
        transactions.executeWrite(status -> jdbc.prepareStatement("""
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
            return statement.executeUpdate();
        }));
    }

    public void scanEnded(String variant, Instant at, Instant newestCandle, int candlesProcessed) {
        transactions.executeWrite(status -> jdbc.prepareStatement("""
                UPDATE scanner_heartbeat
                   SET last_scan_end = ?, updated_at = ?, candles_processed = ?,
                       newest_candle_time = greatest(newest_candle_time, ?)
                 WHERE variant_id = ?""", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setInt(3, candlesProcessed);
            statement.setTimestamp(4, newestCandle == null ? null : Timestamp.from(newestCandle));
            statement.setString(5, variant);
            return statement.executeUpdate();
        }));
    }
}
