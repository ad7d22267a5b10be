package dev.sigil.fleet.db.breaker;

import dev.sigil.fleet.core.breaker.BreakerActor;
import dev.sigil.fleet.db.Columns;
import dev.sigil.fleet.db.notification.NotificationStore;
import dev.sigil.fleet.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A variant's circuit breaker ({@code circuit_breaker}) and its append-only audit trail
 * ({@code circuit_breaker_events}). Trip and reset are idempotent and race-safe: each is one conditional update
 * whose row lock serialises concurrent callers, and the audit event is written in the same transaction only when
 * the state really changed — two resets at once give one event. A variant without a row is closed. On a connection
 * already in a transaction, trip and reset join it ({@link Transactions}): a replay's trip is part of its tick's
 * checkpoint.
 */
public final class BreakerStore {

    /** The breaker's row as it stands. */
    public record Status(String variant, String state, String reason, Instant trippedAt, String trippedBy, Instant resetAt,
                         String resetBy, String resetReason) {
        public boolean tripped() {
            return "tripped".equals(state);
        }
    }

    /** One audit event. */
    public record Event(long id, String variant, String event, String reason, String actor, Instant at) {
    }

    private BreakerStore() {
    }

    /** The breaker as a runner reads it each cycle: tripped or not, and the id of the newest reset (0: none). */
    public record View(boolean tripped, long latestReset) {
    }

    /**
     * The statement {@link #view(Connection, String)} runs, the variant bound to both parameters; {@link #view(ResultSet)}
     * reads its row. For a caller that sends it with other statements in one round trip.
     */
    public static final String VIEW = """
            SELECT coalesce((SELECT state = 'tripped' FROM circuit_breaker WHERE variant_id = ?), false),
                   coalesce((SELECT max(id) FROM circuit_breaker_events WHERE variant_id = ? AND event = 'reset'), 0)""";

    /** The breaker's state and its newest reset, in one round trip. */
    public static View view(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VIEW)) {
            statement.setString(1, variant);
            statement.setString(2, variant);
            try (ResultSet row = statement.executeQuery()) {
                return view(row);
            }
        }
    }

    /** The view from the result of {@link #VIEW}. */
    public static View view(ResultSet row) throws SQLException {
        row.next();
        return new View(row.getBoolean(1), row.getLong(2));
    }

    /** Whether the variant's breaker is tripped. */
    public static boolean tripped(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT state FROM circuit_breaker WHERE variant_id = ?")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && "tripped".equals(row.getString(1));
            }
        }
    }

    /** Trips the breaker; returns true if it was closed (an event is recorded), false if it was already tripped. */
    public static boolean trip(Connection connection, String variant, String reason, String actor) throws SQLException {
        return trip(connection, variant, reason, actor, null);
    }

    /** Trips the breaker as a runner does, with the tick clock's time (null: none). */
    public static boolean trip(Connection connection, String variant, String reason, String actor, Instant marketTime) throws SQLException {
        return trip(connection, variant, reason, actor, marketTime, null);
    }

    /** Trips the breaker as a runner does; {@code detail} (null: none) is what its notification adds to the reason (a HALT's counts). */
    public static boolean trip(Connection connection, String variant, String reason, String actor, Instant marketTime, String detail) throws SQLException {
        return Transactions.inTransaction(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO circuit_breaker (variant_id, state, reason, tripped_at, tripped_by, updated_at)
                    VALUES (?, 'tripped', ?, now(), ?, now())
                    ON CONFLICT (variant_id) DO UPDATE
                       SET state = 'tripped', reason = EXCLUDED.reason, tripped_at = EXCLUDED.tripped_at,
                           tripped_by = EXCLUDED.tripped_by, updated_at = EXCLUDED.updated_at
                     WHERE circuit_breaker.state = 'closed'""")) {
                statement.setString(1, variant);
                statement.setString(2, reason);
                statement.setString(3, actor);
                if (statement.executeUpdate() == 0) {
                    return false;
                }
            }
            event(connection, variant, "trip", reason, actor, marketTime, detail);
            return true;
        });
    }

    /** Resets the breaker; returns true if it was tripped (an event is recorded), false if it was already closed. */
    public static boolean reset(Connection connection, String variant, String reason, String actor) throws SQLException {
        return reset(connection, variant, reason, actor, null);
    }

    /** Resets the breaker with the tick clock's time (a backtest resuming after a HALT; null: none). */
    public static boolean reset(Connection connection, String variant, String reason, String actor, Instant marketTime) throws SQLException {
        return Transactions.inTransaction(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE circuit_breaker
                       SET state = 'closed', reset_at = now(), reset_by = ?, reset_reason = ?, updated_at = now()
                     WHERE variant_id = ? AND state = 'tripped'""")) {
                statement.setString(1, actor);
                statement.setString(2, reason);
                statement.setString(3, variant);
                if (statement.executeUpdate() == 0) {
                    return false;
                }
            }
            event(connection, variant, "reset", reason, actor, marketTime, null);
            return true;
        });
    }

    public static Status status(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT state, reason, tripped_at, tripped_by, reset_at, reset_by, reset_reason
                  FROM circuit_breaker WHERE variant_id = ?""")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return new Status(variant, "closed", null, null, null, null, null, null);
                }
                return new Status(variant, row.getString(1), row.getString(2), instant(row.getTimestamp(3)), row.getString(4),
                        instant(row.getTimestamp(5)), row.getString(6), row.getString(7));
            }
        }
    }

    /** The newest events first, at most {@code limit}. */
    public static List<Event> events(Connection connection, String variant, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, variant_id, event, reason, actor, at FROM circuit_breaker_events WHERE variant_id = ? ORDER BY id DESC LIMIT ?")) {
            statement.setString(1, variant);
            statement.setInt(2, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new Event(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getTimestamp(6).toInstant()));
                }
            }
            return events;
        }
    }

    private static void event(Connection connection, String variant, String event, String reason, String actor, Instant marketTime,
                              String detail) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO circuit_breaker_events (variant_id, event, reason, actor, market_time) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, variant);
            statement.setString(2, event);
            statement.setString(3, reason);
            statement.setString(4, actor);
            statement.setTimestamp(5, marketTime == null ? null : Timestamp.from(marketTime));
            statement.executeUpdate();
        }
        tell(connection, variant, event, reason, actor, detail);
    }

    /**
     * The notification of a trip or a reset, in the same transaction: a HALT (the runner), a risk limit, a person's trip
     * or reset, with who and why. Not for the monitor's own trips (its incident alert says so) nor a backtest's resets.
     */
    private static void tell(Connection connection, String variant, String event, String reason, String actor, String detail) throws SQLException {
        BreakerActor by = BreakerActor.of(actor).orElse(null);
        if (by == BreakerActor.MONITOR || by == BreakerActor.BACKTEST) {
            return;
        }
        if (event.equals("reset")) {
            NotificationStore.add(connection, variant, "breaker_reset", variant + ": circuit breaker reset by " + actor,
                    reason + " (entries resume at the runner's next cycle)");
        } else if (by == BreakerActor.RUNNER) {
            NotificationStore.add(connection, variant, "halt", variant + ": HALT (" + reason + ")",
                    "the guards halted the runner" + (detail == null ? "" : " (" + detail + ")")
                            + ": its session ended and its circuit breaker is tripped; no entries until a person resets it");
        } else if (by == BreakerActor.RISK_MANAGER) {
            NotificationStore.add(connection, variant, "risk_trip", variant + ": risk limit reached (" + reason + ")",
                    "the risk manager tripped the circuit breaker; no entries until a person resets it");
        } else {
            NotificationStore.add(connection, variant, "breaker_trip", variant + ": circuit breaker tripped by " + actor, reason);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return Columns.instant(timestamp);
    }
}
