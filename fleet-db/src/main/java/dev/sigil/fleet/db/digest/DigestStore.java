package dev.sigil.fleet.db.digest;

import dev.sigil.fleet.db.incident.IncidentStore;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code digests}: which day's digest went out, kept in the fleet's first reachable variant database (every monitor reads
 * the same fleet file, so they agree on it) and claimed like the incidents' alerts, so two monitors send it once.
 */
public final class DigestStore {

    private DigestStore() {
    }

    /** The last day whose digest was sent (null: none). */
    public static LocalDate lastSent(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT max(day) FROM digests WHERE sent_at IS NOT NULL");
             ResultSet row = statement.executeQuery()) {
            row.next();
            Date day = row.getDate(1);
            return day == null ? null : day.toLocalDate();
        }
    }

    /** Claims the day's digest: true for the one monitor that should send it. */
    public static boolean claim(Connection connection, LocalDate day, String monitor, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO digests (day, claim, claimed_at) VALUES (?, ?, ?)
                ON CONFLICT (day) DO UPDATE SET claim = EXCLUDED.claim, claimed_at = EXCLUDED.claimed_at
                 WHERE digests.sent_at IS NULL AND (digests.claim IS NULL OR digests.claimed_at < ?)""")) {
            statement.setDate(1, Date.valueOf(day));
            statement.setString(2, monitor);
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, Timestamp.from(now.minus(IncidentStore.CLAIM_TIMEOUT)));
            return statement.executeUpdate() == 1;
        }
    }

    public static void sent(Connection connection, LocalDate day, String monitor, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE digests SET sent_at = ?, claim = NULL, claimed_at = NULL WHERE day = ? AND claim = ?")) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setDate(2, Date.valueOf(day));
            statement.setString(3, monitor);
            statement.executeUpdate();
        }
    }

    public static void release(Connection connection, LocalDate day, String monitor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE digests SET claim = NULL, claimed_at = NULL WHERE day = ? AND claim = ?")) {
            statement.setDate(1, Date.valueOf(day));
            statement.setString(2, monitor);
            statement.executeUpdate();
        }
    }
}
