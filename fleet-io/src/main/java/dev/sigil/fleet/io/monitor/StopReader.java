package dev.sigil.fleet.io.monitor;

import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.io.db.AdvisoryKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Whether a variant was stopped on purpose: its last session ended cleanly ({@link HeartbeatCheck#CLEAN_ENDS}) and no
 * runner holds its instance lock (a session-level advisory lock, seen in {@code pg_locks}). A crashed runner leaves its
 * session open; a runner between sessions still holds the lock.
 */
public final class StopReader {

    /** A clean stop after session {@code session}. */
    public record Stopped(long session, HeartbeatCheck.CleanStop stop) {
    }

    private StopReader() {
    }

    public static Optional<Stopped> cleanStop(Connection connection, String variant) throws SQLException {
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
                if (!row.next() || row.getTimestamp(2) == null || !HeartbeatCheck.CLEAN_ENDS.contains(row.getString(3)) || row.getBoolean(4)) {
                    return Optional.empty();
                }
                return Optional.of(new Stopped(row.getLong(1), new HeartbeatCheck.CleanStop(row.getTimestamp(2).toInstant(), row.getString(3))));
            }
        }
    }
}
