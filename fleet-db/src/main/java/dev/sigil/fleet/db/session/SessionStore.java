package dev.sigil.fleet.db.session;

import java.util.Optional;
import dev.sigil.fleet.db.Columns;
import dev.sigil.fleet.db.AdvisoryKeys;
import dev.sigil.fleet.core.incident.WatchRule;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.db.ledger.IdentityIds;
import dev.sigil.fleet.db.notification.NotificationStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sessions}: a row when a session starts (with its effective config and hash), {@code ended_at} and
 * {@code end_reason} when it ends; sessions a dead process left open are closed as {@code aborted} by the next
 * session's start, ended at their last heartbeat, with the market span their last checkpoint made durable.
 */
@Singleton
public final class SessionStore {

    /** A session that ended without its process closing it. */

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public SessionStore(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A session left open by a process that died, now closed. */
    public record Aborted(long id, Instant startedAt, Instant endedAt) {
    }

    /** A new session, and the sessions a dead process had left open that its start closed. */
    public record Started(long id, List<Aborted> aborted) {
    }

    /**
     * Starts a session in one transaction with closing whatever session of the variant a dead process left open
     * (as {@code aborted}, ended at its last heartbeat): there is never a moment with the old one closed and no new
     * one, whenever the process is killed. A process's later sessions skip that look ({@code findAbandoned} false)
     * when it wrote the end of the one before itself: its instance lock keeps any other process out.
     */
    public Started start(String variant, Instant startedAt, int durationLimitSeconds, String configHash, String configJson,
                         String marketData, String host, long pid, boolean findAbandoned) {
        return transactions.executeWrite(status -> {
            List<Aborted> aborted = findAbandoned ? closeAborted(variant) : List.of();
            long id = jdbc.prepareStatement("""
                    INSERT INTO sessions (variant_id, started_at, duration_limit_s, config_hash, config_json, market_data, host, pid)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
                    RETURNING id""", statement -> {
                statement.setString(1, variant);
                statement.setTimestamp(2, Timestamp.from(startedAt));
                statement.setInt(3, durationLimitSeconds);
                statement.setString(4, configHash);
                statement.setString(5, configJson);
                statement.setString(6, marketData);
                statement.setString(7, host);
                statement.setLong(8, pid);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            });
            for (Aborted dead : aborted) {
                NotificationStore.add(status.getConnection(), variant, "crash_restart", variant + ": session " + id + " started after a crash",
                        "session " + dead.id() + " was left open by a process that died (its last heartbeat " + dead.endedAt() + "); closed as aborted, "
                                + "the runner on " + host + " resumes after its last durable tick");
            }
            return new Started(id, aborted);
        });
    }

    private List<Aborted> closeAborted(String variant) {
        return jdbc.prepareStatement("""
                UPDATE sessions s
                   SET end_reason = ?,
                       ended_at = greatest(s.started_at, (SELECT greatest(h.last_scan_start, h.last_scan_end)
                                                            FROM scanner_heartbeat h
                                                           WHERE h.variant_id = s.variant_id AND h.session_id = s.id)),
                       -- the span its last checkpoint made durable: its first candle and its resume point
                       market_start = coalesce(s.market_start, (SELECT nullif(e.value, '')::timestamptz FROM engine_state e
                                                                 WHERE e.key = ?
                                                                   AND (SELECT i.value FROM engine_state i WHERE i.key = ?) = s.id::text)),
                       market_end = coalesce(s.market_end, (SELECT p.resume_after FROM scan_progress p
                                                             WHERE p.variant_id = s.variant_id AND p.session_id = s.id))
                 WHERE s.variant_id = ? AND s.ended_at IS NULL
             RETURNING s.id, s.started_at, s.ended_at""", statement -> {
            statement.setString(1, EndReason.ABORTED.token());
            statement.setString(2, dev.sigil.fleet.core.guard.EngineStateKeys.SESSION_MARKET_START);
            statement.setString(3, dev.sigil.fleet.core.guard.EngineStateKeys.SESSION_ID);
            statement.setString(4, variant);
            List<Aborted> closed = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    closed.add(new Aborted(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant()));
                }
            }
            return closed;
        });
    }

    /**
     * Ends a session with the span of the tick clock it covered (null when it saw no candle); returns false if it had
     * already ended (then nothing changes).
     */
    public boolean end(long sessionId, Instant endedAt, EndReason reason, Instant marketStart, Instant marketEnd) {
        return transactions.executeWrite(status -> end(status.getConnection(), sessionId, new End(endedAt, reason, marketStart, marketEnd)));
    }

    /**
     * A replay session whose row is written by a later checkpoint, in that checkpoint's transaction: sessions of a
     * replay last a few milliseconds each, and writing each one's start and end in transactions of their own cost more
     * than its ticks. Its id is reserved from the table's identity sequence ({@link #reserveIds}), so its ledger can
     * bind its rows to it at once. {@link #end} is set when the session ended before its row was written: the row is
     * then written whole, started and ended.
     */
    public static final class Deferred {
        final long id;
        final String variant;
        final Instant startedAt;
        final int durationLimitSeconds;
        final String configHash;
        final String configJson;
        final String marketData;
        final String host;
        final long pid;
        private End end;

        public Deferred(long id, String variant, Instant startedAt, int durationLimitSeconds, String configHash, String configJson,
                        String marketData, String host, long pid) {
            this.id = id;
            this.variant = variant;
            this.startedAt = startedAt;
            this.durationLimitSeconds = durationLimitSeconds;
            this.configHash = configHash;
            this.configJson = configJson;
            this.marketData = marketData;
            this.host = host;
            this.pid = pid;
        }

        public long id() {
            return id;
        }

        /** The session ended before its row was written: the row goes in started and ended. */
        public void end(End sessionEnd) {
            this.end = sessionEnd;
        }
    }

    /** How a session ended: when, why, and the span of the tick clock it covered (null when it saw no candle). */
    public record End(Instant endedAt, EndReason reason, Instant marketStart, Instant marketEnd) {
    }

    /**
     * Reserves {@code count} session ids from the table's identity sequence, in increasing order. A process starting a
     * session the ordinary way ({@link #start}) afterwards must drop what it has left of them, so that ids keep
     * increasing with time.
     */
    public List<Long> reserveIds(int count) {
        return transactions.executeWrite(status -> IdentityIds.reserve(status.getConnection(), "sessions", count));
    }

    /** Ends a session whose row is written, on the caller's transaction; false if it had already ended. */
    public static boolean end(Connection connection, long sessionId, End end) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE sessions SET ended_at = ?, end_reason = ?, market_start = ?, market_end = ? WHERE id = ? AND ended_at IS NULL")) {
            statement.setTimestamp(1, Timestamp.from(end.endedAt()));
            statement.setString(2, end.reason().token());
            bind(statement, 3, end.marketStart());
            bind(statement, 4, end.marketEnd());
            statement.setLong(5, sessionId);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Writes deferred sessions' rows (one batch), on the caller's transaction: each ended one whole, at most one (the
     * last) still open. Sessions of the variant whose rows are already written must have ended first (a variant has
     * one open session at a time).
     */
    public static void insert(Connection connection, List<Deferred> sessions) throws SQLException {
        if (sessions.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO sessions (id, variant_id, started_at, duration_limit_s, config_hash, config_json, market_data, host, pid,
                                      ended_at, end_reason, market_start, market_end)
                OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Deferred session : sessions) {
                statement.setLong(1, session.id);
                statement.setString(2, session.variant);
                statement.setTimestamp(3, Timestamp.from(session.startedAt));
                statement.setInt(4, session.durationLimitSeconds);
                statement.setString(5, session.configHash);
                statement.setString(6, session.configJson);
                statement.setString(7, session.marketData);
                statement.setString(8, session.host);
                statement.setLong(9, session.pid);
                End end = session.end;
                bind(statement, 10, end == null ? null : end.endedAt());
                statement.setString(11, end == null ? null : end.reason().token());
                bind(statement, 12, end == null ? null : end.marketStart());
                bind(statement, 13, end == null ? null : end.marketEnd());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static void bind(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setTimestamp(index, value == null ? null : Timestamp.from(value));
    }

    /**
     * The end of the variant's last session and whether a runner holds its instance lock (a session-level advisory
     * lock, seen in {@code pg_locks}), from which the watch judges a clean stop; empty without a session. A crashed
     * runner leaves its session open; a runner between sessions still holds the lock.
     */
    public static Optional<LastEnd> lastEnd(Connection connection, String variant) throws SQLException {
        long key = AdvisoryKeys.instance(variant);
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.id, s.ended_at, s.end_reason,
                       EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                                  AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                  FROM sessions s WHERE s.variant_id = ? ORDER BY s.id DESC LIMIT 1""")) {
            statement.setLong(1, key >>> 32);
            statement.setLong(2, key & 0xffffffffL);
            statement.setString(3, variant);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LastEnd(row.getLong(1), Columns.instant(row.getTimestamp(2)), row.getString(3), row.getBoolean(4)));
            }
        }
    }

    /** The last session: its id, its end (null while it is open) and end reason as recorded, and whether the lock is held. */
    public record LastEnd(long session, Instant endedAt, String endReason, boolean lockHeld) {

        /** A clean stop by the watch's rule, or null. */
        public HeartbeatCheck.CleanStop cleanStop() {
            return WatchRule.cleanStop(endedAt, endReason, lockHeld);
        }
    }
}
