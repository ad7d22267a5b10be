package dev.sigil.fleet.watch;

import dev.sigil.fleet.db.notification.NotificationStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The variant's outbox (HALTs, risk-limit trips, a person's trips and resets, sessions started after a crash, written
 * by the runner and the commands in the transaction of what they tell): each row sent once under a claim, oldest
 * first; marked delivered without a message while the variant is paused. A failed send stops the round: the next check
 * retries it, in order.
 */
final class Outbox {

    private static final int BATCH = 20;

    private final AlertComposer compose;
    private final Delivery delivery;
    private final String monitorId;

    Outbox(AlertComposer compose, Delivery delivery, String monitorId) {
        this.compose = compose;
        this.delivery = delivery;
        this.monitorId = monitorId;
    }

    void deliver(Connection connection, String variant, boolean paused, Instant now, List<String> actions) throws SQLException {
        for (NotificationStore.Notification note : NotificationStore.pending(connection, variant, BATCH)) {
            if (paused) {
                if (NotificationStore.claim(connection, note.id(), monitorId, now)) {
                    NotificationStore.delivered(connection, note.id(), monitorId, now, true);
                    actions.add(note.kind() + " not told (paused)");
                }
                continue;
            }
            Delivery.Sent sent = delivery.claimed(() -> NotificationStore.claim(connection, note.id(), monitorId, now), variant, note.kind(),
                    () -> compose.notification(note), () -> NotificationStore.delivered(connection, note.id(), monitorId, now, false),
                    () -> NotificationStore.release(connection, note.id(), monitorId));
            if (sent == Delivery.Sent.DELIVERED) {
                actions.add(note.kind() + " told");
            } else if (sent == Delivery.Sent.FAILED) {
                return;
            }
        }
    }
}
