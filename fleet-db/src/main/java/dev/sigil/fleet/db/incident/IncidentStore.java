package dev.sigil.fleet.db.incident;

import dev.sigil.fleet.db.Columns;
import dev.sigil.fleet.db.heartbeat.HeartbeatStore;
import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's incidents, kept in the variant's own database ({@code monitor_incidents}). Delivery follows a claim
 * protocol so that a restart sends no duplicate and racing monitors send once: a monitor claims a due alert with a
 * conditional update, sends, then marks it delivered — or releases the claim when the send failed, so the next check
 * retries. A claim older than {@link #CLAIM_TIMEOUT} is considered abandoned (its monitor died mid-send).
 */
public final class IncidentStore {

    public static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(2);

    /** An incident row. */
    public record Incident(long id, String variant, String kind, Instant openedAt, Instant downSince, Instant alertedAt, int alerts,
                           boolean flapping, Instant recoveredAt, Instant recoveryNotifiedAt, String detail, Instant breakerTrippedAt) {
    }

    /** An incident as the check saw it, and whether this check opened it. */
    public record Seen(Incident incident, boolean opened) {
    }

    private static final String COLUMNS = "id, variant_id, kind, opened_at, down_since, alerted_at, alerts, flapping, recovered_at, recovery_notified_at, detail,"
            + " breaker_tripped_at";

    private IncidentStore() {
    }

    /** Opens an incident, or notes that the open one is still seen. */
    public static Seen openOrTouch(Connection connection, String variant, String kind, Instant now, Instant downSince, String detail,
                                   boolean flapping) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO monitor_incidents (variant_id, kind, opened_at, down_since, last_seen_at, flapping, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (variant_id) WHERE recovered_at IS NULL DO UPDATE
                   SET last_seen_at = EXCLUDED.last_seen_at, detail = EXCLUDED.detail
             RETURNING %s, (xmax = 0) AS inserted""".formatted(COLUMNS))) {
            statement.setString(1, variant);
            statement.setString(2, kind);
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, downSince == null ? null : Timestamp.from(downSince));
            statement.setTimestamp(5, Timestamp.from(now));
            statement.setBoolean(6, flapping);
            statement.setString(7, detail);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Seen(incident(row), row.getBoolean("inserted"));
            }
        }
    }

    /** What {@link #tripBreakerOnce} did. */
    public enum BreakerTrip {
        /** This call claimed the incident's trip and the breaker went from closed to tripped. */
        TRIPPED,
        /** This call claimed the incident's trip; the breaker was already tripped (by the runner, a person, ...). */
        WAS_TRIPPED,
        /** The incident's trip had been claimed before (an earlier check, or another monitor): nothing done. */
        CLAIMED_BEFORE
    }

    /**
     * Trips the variant's circuit breaker for this incident, once: a conditional update claims the incident's trip
     * ({@code breaker_tripped_at IS NULL}) and the breaker is tripped in the same transaction. A later check of the same
     * incident, or a second monitor racing on it (the row lock makes it wait, then find the claim set), gets
     * {@link BreakerTrip#CLAIMED_BEFORE} — so a breaker a person reset during an incident stays reset until a new
     * incident opens.
     */
    public static BreakerTrip tripBreakerOnce(Connection connection, long id, String variant, String reason, String actor, Instant now)
            throws SQLException {
        return Transactions.inTransaction(connection, () -> {
            try (PreparedStatement claim = connection.prepareStatement(
                    "UPDATE monitor_incidents SET breaker_tripped_at = ? WHERE id = ? AND breaker_tripped_at IS NULL")) {
                claim.setTimestamp(1, Timestamp.from(now));
                claim.setLong(2, id);
                if (claim.executeUpdate() == 0) {
                    return BreakerTrip.CLAIMED_BEFORE;
                }
            }
            return BreakerStore.trip(connection, variant, reason, actor) ? BreakerTrip.TRIPPED : BreakerTrip.WAS_TRIPPED;
        });
    }

    /**
     * Claims the incident's next alert: true if this monitor won. The claim holds only while the incident has had as many
     * alerts as this monitor read ({@code alertsSeen}) and no live claim of another monitor: two monitors that decided
     * on the same reading send once, and one that read before a delivery sends nothing. Whether an alert is due is the
     * policy's to say ({@code IncidentPolicy}), not this store's.
     */
    public static boolean claimAlert(Connection connection, long id, String monitor, Instant now, int alertsSeen) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE monitor_incidents SET claim = ?, claimed_at = ?
                 WHERE id = ? AND recovered_at IS NULL AND alerts = ?
                   AND (claim IS NULL OR claimed_at < ?)""")) {
            statement.setString(1, monitor);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setLong(3, id);
            statement.setInt(4, alertsSeen);
            statement.setTimestamp(5, Timestamp.from(now.minus(CLAIM_TIMEOUT)));
            return statement.executeUpdate() == 1;
        }
    }

    /** The variant's open incident, if it has one. */
    public static java.util.Optional<Incident> open(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM monitor_incidents WHERE variant_id = ? AND recovered_at IS NULL")) {
            statement.setString(1, variant);
            return incidents(statement).stream().findFirst();
        }
    }

    public static void alertDelivered(Connection connection, long id, String monitor, Instant now) throws SQLException {
        update(connection, "UPDATE monitor_incidents SET alerted_at = ?, alerts = alerts + 1, claim = NULL, claimed_at = NULL WHERE id = ? AND claim = ?",
                now, id, monitor);
    }

    /** Gives a claim back after a failed send: the next check tries again. */
    public static void release(Connection connection, long id, String monitor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE monitor_incidents SET claim = NULL, claimed_at = NULL WHERE id = ? AND claim = ?")) {
            statement.setLong(1, id);
            statement.setString(2, monitor);
            statement.executeUpdate();
        }
    }

    /** Closes the variant's open incident, if any; returns it. */
    public static List<Incident> recover(Connection connection, String variant, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE monitor_incidents SET recovered_at = ? WHERE variant_id = ? AND recovered_at IS NULL RETURNING " + COLUMNS)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setString(2, variant);
            return incidents(statement);
        }
    }

    /** Recovered incidents whose alert went out but whose recovery notice has not. */
    public static List<Incident> recoveryNoticesDue(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + """
                 FROM monitor_incidents
                WHERE variant_id = ? AND recovered_at IS NOT NULL AND recovery_notified_at IS NULL AND alerts > 0 ORDER BY id""")) {
            statement.setString(1, variant);
            return incidents(statement);
        }
    }

    public static boolean claimRecoveryNotice(Connection connection, long id, String monitor, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE monitor_incidents SET claim = ?, claimed_at = ?
                 WHERE id = ? AND recovery_notified_at IS NULL AND (claim IS NULL OR claimed_at < ?)""")) {
            statement.setString(1, monitor);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setLong(3, id);
            statement.setTimestamp(4, Timestamp.from(now.minus(CLAIM_TIMEOUT)));
            return statement.executeUpdate() == 1;
        }
    }

    public static void recoveryDelivered(Connection connection, long id, String monitor, Instant now) throws SQLException {
        update(connection, "UPDATE monitor_incidents SET recovery_notified_at = ?, claim = NULL, claimed_at = NULL WHERE id = ? AND claim = ?",
                now, id, monitor);
    }

    /** Incidents opened since {@code since} (for flapping). */
    public static int openedSince(Connection connection, String variant, Instant since) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM monitor_incidents WHERE variant_id = ? AND opened_at >= ?")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(since));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    public static List<Incident> all(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM monitor_incidents WHERE variant_id = ? ORDER BY id")) {
            statement.setString(1, variant);
            return incidents(statement);
        }
    }

    private static void update(Connection connection, String sql, Instant now, long id, String monitor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setLong(2, id);
            statement.setString(3, monitor);
            statement.executeUpdate();
        }
    }

    private static List<Incident> incidents(PreparedStatement statement) throws SQLException {
        List<Incident> incidents = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                incidents.add(incident(rows));
            }
        }
        return incidents;
    }

    private static Incident incident(ResultSet row) throws SQLException {
        return new Incident(row.getLong("id"), row.getString("variant_id"), row.getString("kind"), Columns.instant(row.getTimestamp("opened_at")),
                Columns.instant(row.getTimestamp("down_since")), Columns.instant(row.getTimestamp("alerted_at")), row.getInt("alerts"),
                row.getBoolean("flapping"), Columns.instant(row.getTimestamp("recovered_at")),
                Columns.instant(row.getTimestamp("recovery_notified_at")), row.getString("detail"),
                Columns.instant(row.getTimestamp("breaker_tripped_at")));
    }
}
