package dev.sigil.fleet.db.notification;

import dev.sigil.fleet.db.incident.IncidentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification outbox ({@code notifications}): rows written in the transaction of what they tell, delivered by the
 * monitor once each under the incidents' claim protocol ({@link IncidentStore#CLAIM_TIMEOUT}).
 */
public final class NotificationStore {

    /** One row to tell. */
    public record Notification(long id, String variant, Instant createdAt, String kind, String title, String detail) {
    }

    private NotificationStore() {
    }

    /** Adds a row; call it inside the transaction of what it tells. */
    public static void add(Connection connection, String variant, String kind, String title, String detail) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO notifications (variant_id, kind, title, detail) VALUES (?, ?, ?, ?)")) {
            statement.setString(1, variant);
            statement.setString(2, kind);
            statement.setString(3, title);
            statement.setString(4, detail);
            statement.executeUpdate();
        }
    }

    /** The variant's rows not delivered yet, oldest first (at most {@code limit}). */
    public static List<Notification> pending(Connection connection, String variant, int limit) throws SQLException {
        List<Notification> pending = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT id, variant_id, created_at, kind, title, detail FROM notifications
                 WHERE variant_id = ? AND delivered_at IS NULL ORDER BY id LIMIT ?""")) {
            statement.setString(1, variant);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pending.add(new Notification(rows.getLong(1), rows.getString(2), rows.getTimestamp(3).toInstant(), rows.getString(4),
                            rows.getString(5), rows.getString(6)));
                }
            }
        }
        return pending;
    }

    /** Claims a row for this monitor: true if it won (undelivered and no live claim of another). */
    public static boolean claim(Connection connection, long id, String monitor, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE notifications SET claim = ?, claimed_at = ?
                 WHERE id = ? AND delivered_at IS NULL AND (claim IS NULL OR claimed_at < ?)""")) {
            statement.setString(1, monitor);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setLong(3, id);
            statement.setTimestamp(4, Timestamp.from(now.minus(IncidentStore.CLAIM_TIMEOUT)));
            return statement.executeUpdate() == 1;
        }
    }

    /** Marks a claimed row delivered ({@code suppressed}: not sent, the variant is paused). */
    public static void delivered(Connection connection, long id, String monitor, Instant now, boolean suppressed) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE notifications SET delivered_at = ?, suppressed = ?, claim = NULL, claimed_at = NULL WHERE id = ? AND claim = ?")) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setBoolean(2, suppressed);
            statement.setLong(3, id);
            statement.setString(4, monitor);
            statement.executeUpdate();
        }
    }

    /** Gives a claim back after a failed send: the next check tries again. */
    public static void release(Connection connection, long id, String monitor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE notifications SET claim = NULL, claimed_at = NULL WHERE id = ? AND claim = ?")) {
            statement.setLong(1, id);
            statement.setString(2, monitor);
            statement.executeUpdate();
        }
    }
}
