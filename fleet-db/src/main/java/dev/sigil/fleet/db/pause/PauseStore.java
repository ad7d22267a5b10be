package dev.sigil.fleet.db.pause;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** {@code variant_pause}: a person's pause of a variant's alerts, with who and why; it ends by itself at {@code until}. */
public final class PauseStore {

    /** A pause; active while {@code until} is ahead. */
    public record Pause(String variant, Instant at, Instant until, String by, String reason) {

        public boolean activeAt(Instant now) {
            return until.isAfter(now);
        }
    }

    private PauseStore() {
    }

    /** Pauses the variant from {@code now} until {@code until} (replacing a pause in force). */
    public static Pause pause(Connection connection, String variant, Instant now, Instant until, String by, String reason) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO variant_pause (variant_id, paused_at, paused_until, paused_by, reason) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (variant_id) DO UPDATE
                   SET paused_at = EXCLUDED.paused_at, paused_until = EXCLUDED.paused_until, paused_by = EXCLUDED.paused_by,
                       reason = EXCLUDED.reason""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(until));
            statement.setString(4, by);
            statement.setString(5, reason);
            statement.executeUpdate();
        }
        return new Pause(variant, now, until, by, reason);
    }

    /** Ends the variant's pause now; the pause that was in force (with the end it had), if one was. */
    public static Optional<Pause> resume(Connection connection, String variant, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH ended AS (SELECT variant_id, paused_until FROM variant_pause WHERE variant_id = ? AND paused_until > ? FOR UPDATE)
                UPDATE variant_pause v SET paused_until = greatest(?, v.paused_at + interval '1 millisecond')
                  FROM ended WHERE v.variant_id = ended.variant_id
             RETURNING v.variant_id, v.paused_at, ended.paused_until, v.paused_by, v.reason""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(now));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(pause(row)) : Optional.empty();
            }
        }
    }

    /** The variant's current or last pause, if it was ever paused. */
    public static Optional<Pause> last(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT variant_id, paused_at, paused_until, paused_by, reason FROM variant_pause WHERE variant_id = ?")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(pause(row)) : Optional.empty();
            }
        }
    }

    /** The pause in force at {@code now}, if any. */
    public static Optional<Pause> active(Connection connection, String variant, Instant now) throws SQLException {
        return last(connection, variant).filter(pause -> pause.activeAt(now));
    }

    private static Pause pause(ResultSet row) throws SQLException {
        return new Pause(row.getString(1), row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant(), row.getString(4), row.getString(5));
    }
}
