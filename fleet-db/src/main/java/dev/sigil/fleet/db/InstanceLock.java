package dev.sigil.fleet.db;

import dev.sigil.fleet.core.concurrent.Threads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One runner per variant database: a session-level advisory lock held on a dedicated connection for the life of
 * the process. A second runner fails at once and is told who holds the lock (host, pid, since), read from the
 * holder's heartbeat row and its backend's start time.
 */
public final class InstanceLock implements AutoCloseable {

    /** The longest a statement on the lock's connection may wait for the server. */
    static final java.time.Duration STATEMENT_LIMIT = java.time.Duration.ofSeconds(30);

    private final Connection connection;
    private final long key;
    /** The connection's {@code synchronous_commit} before the lock set it off, given back with the connection. */
    private final String synchronousCommit;
    private volatile boolean closed;

    private InstanceLock(Connection connection, long key, String synchronousCommit) {
        this.connection = connection;
        this.key = key;
        this.synchronousCommit = synchronousCommit;
    }

    /** Another runner holds the variant's lock. */
    public static final class AlreadyRunningException extends RuntimeException {
        public AlreadyRunningException(String message) {
            super(message);
        }
    }

    public static InstanceLock acquire(DataSource dataSource, String variant) throws SQLException {
        return acquire(dataSource, variant, STATEMENT_LIMIT);
    }

    static InstanceLock acquire(DataSource dataSource, String variant, java.time.Duration statementLimit) throws SQLException {
        long key = AdvisoryKeys.instance(variant);
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            // a heartbeat on this connection that hangs (a server gone silent) fails after this instead of holding the
            // connection, and with it the lock watch, until the watchdog's stall limit
            connection.setNetworkTimeout(Runnable::run, (int) statementLimit.toMillis());
            // the heartbeats written on this connection (whileHeld) commit without waiting for the WAL flush: a beat lost
            // to a server crash is one the monitor would have missed anyway; the ledger's own commits still wait for it
            String synchronousCommit;
            try (PreparedStatement setting = connection.prepareStatement("SHOW synchronous_commit"); ResultSet row = setting.executeQuery()) {
                row.next();
                synchronousCommit = row.getString(1);
            }
            try (PreparedStatement name = connection.prepareStatement(
                    "SELECT set_config('application_name', ?, false), set_config('synchronous_commit', 'off', false)")) {
                name.setString(1, "sigil-runner " + variant);
                name.execute();
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, key);
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return new InstanceLock(connection, key, synchronousCommit);
                    }
                }
            }
            throw new AlreadyRunningException("variant " + variant + " is already running (" + holder(connection, variant, key) + ")");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static String holder(Connection connection, String variant, long key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT coalesce(h.host, host(a.client_addr), 'local socket'), h.pid, a.backend_start
                  FROM pg_locks l
                  JOIN pg_stat_activity a ON a.pid = l.pid
                  LEFT JOIN scanner_heartbeat h ON h.variant_id = ?
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                   AND l.classid::bigint = ? AND l.objid::bigint = ?""")) {
            query.setString(1, variant);
            query.setLong(2, key >>> 32);
            query.setLong(3, key & 0xffffffffL);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return "holder not visible";
                }
                String pid = row.getObject(2) == null ? "?" : Long.toString(row.getLong(2));
                return "host " + row.getString(1) + ", pid " + pid + ", since " + row.getTimestamp(3).toInstant();
            }
        }
    }

    /** Work on the lock's connection (autocommit). */
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on the lock's connection, in autocommit. Its success also proves the lock still held — the
     * session holding it answered — so a cycle's heartbeat and its lock check are one round trip. Returns false when
     * the connection, and the lock with it, is gone; throws when the work failed on a connection still alive.
     */
    public boolean whileHeld(Work work) throws SQLException {
        try {
            work.run(connection);
            return true;
        } catch (SQLException e) {
            if (held()) {
                throw e;
            }
            return false;
        }
    }

    /** Whether the lock connection is still alive (a database restart drops it, and the lock with it). */
    public boolean held() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Watches the lock on a daemon thread every {@code every}: when its connection dies (a database restart,
     * {@code pg_terminate_backend}), {@code lost} runs once. Stops with {@link #close()}.
     */
    public void watch(java.time.Duration every, Runnable lost) {
        Thread watcher = Threads.unstarted("instance-lock-watch", () -> {
            try {
                while (!closed) {
                    Thread.sleep(every.toMillis());
                    if (!closed && !held()) {
                        lost.run();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, true);
        watcher.start();
    }

    @Override
    public void close() {
        closed = true;
        if (!held()) {
            // the lock died with its connection; an unlock would only fail on it
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing left to release
            }
            return;
        }
        // a pooled connection goes back to its pool: with the setting it came with
        try (connection; PreparedStatement unlock = connection.prepareStatement(
                "SELECT pg_advisory_unlock(?), set_config('synchronous_commit', ?, false)")) {
            unlock.setLong(1, key);
            unlock.setString(2, synchronousCommit);
            unlock.execute();
        } catch (SQLException e) {
            // the lock dies with its connection anyway
        }
    }
}
