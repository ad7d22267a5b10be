package dev.sigil.fleet.db.engine;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code scan_progress}: the resume point — the close time of the newest candle whose tick is durable. It is
 * written inside the transaction that makes the tick durable and only ever moves forward (for one kind of market
 * data; a runner switched to another kind starts that one from its beginning).
 */
@Singleton
public final class ProgressStore {

    /** Where a variant stopped, on which kind of market data. */
    public record Progress(String marketData, Instant resumeAfter) {
    }

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public ProgressStore(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public Optional<Progress> read(String variant) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT market_data, resume_after FROM scan_progress WHERE variant_id = ?", statement -> {
                    statement.setString(1, variant);
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next() ? Optional.of(new Progress(row.getString(1), row.getTimestamp(2).toInstant()))
                                : Optional.<Progress>empty();
                    }
                }));
    }

    /** Moves the resume point forward (never back), in the caller's transaction if there is one. */
    public void advance(String variant, String marketData, Instant resumeAfter, long sessionId, Instant at) {
        transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO scan_progress (variant_id, market_data, resume_after, session_id, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE
                   SET resume_after = CASE WHEN scan_progress.market_data = EXCLUDED.market_data
                                           THEN greatest(scan_progress.resume_after, EXCLUDED.resume_after)
                                           ELSE EXCLUDED.resume_after END,
                       market_data = EXCLUDED.market_data, session_id = EXCLUDED.session_id, updated_at = EXCLUDED.updated_at""",
                statement -> {
                    statement.setString(1, variant);
                    statement.setString(2, marketData);
                    statement.setTimestamp(3, Timestamp.from(resumeAfter));
                    statement.setLong(4, sessionId);
                    statement.setTimestamp(5, Timestamp.from(at));
                    return statement.executeUpdate();
                }));
    }
}
