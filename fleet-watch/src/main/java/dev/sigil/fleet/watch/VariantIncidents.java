package dev.sigil.fleet.watch;

import dev.sigil.fleet.core.breaker.BreakerActor;
import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.core.incident.IncidentPolicy;
import dev.sigil.fleet.core.incident.WatchRule;
import dev.sigil.fleet.db.incident.IncidentStore;
import dev.sigil.fleet.db.incident.ObservationStore;
import dev.sigil.fleet.db.session.SessionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One variant's incident kept in its own database, for one check: read what the rule needs, let {@link WatchRule}
 * decide, execute each action — every message under a claim ({@link Delivery#claimed}).
 */
final class VariantIncidents {

    private static final Logger LOG = LoggerFactory.getLogger(VariantIncidents.class);

    private final Connection connection;
    private final String variant;
    private final HeartbeatCheck.Verdict verdict;
    private final Heartbeat heartbeat;
    private final Instant now;
    private final List<String> actions;
    private final AlertComposer compose;
    private final Delivery delivery;
    private final String monitorId;
    private final Map<Long, IncidentStore.Incident> known = new HashMap<>();
    private IncidentStore.Incident current;

    VariantIncidents(Connection connection, String variant, HeartbeatCheck.Verdict verdict, Heartbeat heartbeat, Instant now, List<String> actions,
                     AlertComposer compose, Delivery delivery, String monitorId) {
        this.connection = connection;
        this.variant = variant;
        this.verdict = verdict;
        this.heartbeat = heartbeat;
        this.now = now;
        this.actions = actions;
        this.compose = compose;
        this.delivery = delivery;
        this.monitorId = monitorId;
    }

    void run(WatchRule rule, boolean paused, SessionStore.LastEnd stopped) throws SQLException {
        HeartbeatState down = WatchRule.down(verdict);
        current = IncidentStore.open(connection, variant).orElse(null);
        int lastHour = down != null ? IncidentStore.openedSince(connection, variant, now.minus(Duration.ofHours(1))) : 0;
        Instant flappingReported = ObservationStore.flappingReportedAt(connection, variant);
        List<IncidentStore.Incident> unnotified = down == null ? IncidentStore.recoveryNoticesDue(connection, variant) : List.of();
        unnotified.forEach(incident -> known.put(incident.id(), incident));
        IncidentPolicy.OpenIncident open = current == null ? null : new IncidentPolicy.OpenIncident(current.id(), current.openedAt(),
                current.alertedAt(), current.alerts(), current.flapping(), current.breakerTrippedAt() != null);
        IncidentPolicy.Stop stop = stopped == null ? null
                : new IncidentPolicy.Stop(stopped.session(), Long.valueOf(stopped.session()).equals(ObservationStore.stoppedNoticeSession(connection, variant)));
        IncidentPolicy.Facts facts = new IncidentPolicy.Facts(down, heartbeat != null, true, open, lastHour, flappingReported,
                unnotified.stream().map(IncidentStore.Incident::id).toList(), paused, stop);
        for (IncidentPolicy.Action action : rule.decide(facts, now)) {
            execute(action, flappingReported);
        }
    }

    private void execute(IncidentPolicy.Action action, Instant flappingReported) throws SQLException {
        switch (action) {
            case IncidentPolicy.Open(HeartbeatState kind, boolean flapping) -> {
                IncidentStore.Seen seen = IncidentStore.openOrTouch(connection, variant, kind.token(), now, downSince(), verdict.summary(), flapping);
                current = seen.incident();
                if (seen.opened()) {
                    LOG.warn("{}: {} — {}", variant, kind.token(), verdict.summary());
                    actions.add("incident opened");
                }
            }
            case IncidentPolicy.StillDown(HeartbeatState kind) ->
                    current = IncidentStore.openOrTouch(connection, variant, kind.token(), now, downSince(), verdict.summary(), current.flapping()).incident();
            case IncidentPolicy.TripBreaker(String reason) -> {
                if (IncidentStore.tripBreakerOnce(connection, current.id(), variant, reason, BreakerActor.MONITOR.token(), now) == IncidentStore.BreakerTrip.TRIPPED) {
                    actions.add("breaker tripped");
                }
            }
            case IncidentPolicy.ReportFlapping(int incidents) -> {
                if (delivery.claimed(() -> ObservationStore.claimFlappingReport(connection, variant, now, flappingReported), variant, "flapping",
                        () -> compose.flapping(variant, incidents, now), () -> { }, () -> ObservationStore.releaseFlappingReport(connection, variant))
                        == Delivery.Sent.DELIVERED) {
                    actions.add("flapping reported");
                }
            }
            case IncidentPolicy.Alert(HeartbeatState kind) -> alert(kind.token(), "alerted", 0);
            case IncidentPolicy.Remind(HeartbeatState kind, int before) -> alert("reminder", "reminded", before);
            case IncidentPolicy.Close(long id) -> {
                for (IncidentStore.Incident recovered : IncidentStore.recover(connection, variant, now)) {
                    LOG.info("{}: recovered ({} incident #{} opened {})", variant, recovered.kind(), recovered.id(), recovered.openedAt());
                    known.put(recovered.id(), recovered);
                    actions.add("incident closed");
                }
            }
            case IncidentPolicy.NotifyStopped(long session) -> {
                if (delivery.claimed(() -> claimStoppedNotice(session), variant, "stopped", () -> compose.stopped(variant, verdict, session, now),
                        () -> { }, () -> ObservationStore.releaseStoppedNotice(connection, variant, session)) == Delivery.Sent.DELIVERED) {
                    actions.add("stop notified");
                }
            }
            case IncidentPolicy.NotifyRecovery(long id) -> {
                IncidentStore.Incident due = known.get(id);
                if (due != null && delivery.claimed(() -> IncidentStore.claimRecoveryNotice(connection, id, monitorId, now), variant, "recovered",
                        () -> compose.recovered(variant, due.downSince(), due.openedAt(), due.recoveredAt(), id),
                        () -> IncidentStore.recoveryDelivered(connection, id, monitorId, now), () -> IncidentStore.release(connection, id, monitorId))
                        == Delivery.Sent.DELIVERED) {
                    actions.add("recovery notified");
                }
            }
        }
    }

    private boolean claimStoppedNotice(long session) throws SQLException {
        if (!ObservationStore.claimStoppedNotice(connection, variant, session, now)) {
            return false;
        }
        LOG.info("{}: {}", variant, verdict.summary());
        return true;
    }

    /**
     * Sends the alert the rule decided on, claimed on the alert count it decided from ({@code alertsSeen}): if another
     * monitor opened the same incident a moment ago and has alerted already, the claim fails and nothing is sent twice.
     */
    private void alert(String kind, String done, int alertsSeen) throws SQLException {
        IncidentStore.Incident incident = current;
        Delivery.Sent sent = delivery.claimed(() -> IncidentStore.claimAlert(connection, incident.id(), monitorId, now, alertsSeen), variant, kind,
                () -> compose.alert(variant, verdict, heartbeat, incident.id(), incident.alerts(), incident.openedAt(), now),
                () -> IncidentStore.alertDelivered(connection, incident.id(), monitorId, now), () -> IncidentStore.release(connection, incident.id(), monitorId));
        if (sent == Delivery.Sent.DELIVERED) {
            actions.add(done);
        } else if (sent == Delivery.Sent.FAILED) {
            actions.add("alert failed");
        }
    }

    private Instant downSince() {
        return heartbeat == null ? null : heartbeat.lastScanEnd();
    }
}
