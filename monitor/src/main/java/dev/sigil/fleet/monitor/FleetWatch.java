package dev.sigil.fleet.monitor;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.io.db.FanOut;
import dev.sigil.fleet.io.fleet.FleetFile;
import dev.sigil.fleet.io.fleet.MonitorSettings;
import dev.sigil.fleet.io.fleet.VariantTarget;
import dev.sigil.fleet.io.monitor.HeartbeatReader;
import dev.sigil.fleet.io.monitor.IncidentStore;
import dev.sigil.fleet.io.monitor.ObservationStore;
import dev.sigil.fleet.monitor.discord.DiscordMessage;
import dev.sigil.fleet.monitor.discord.DiscordWebhookAlerter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dead-man check of every variant in the fleet, the variants contacted at the same time ({@link FanOut}) so a slow
 * or dead database holds up no other and costs at most the connect timeout
 * ({@link dev.sigil.fleet.io.fleet.DatabaseTarget#LOGIN_TIMEOUT}). Per variant: read the heartbeat, judge it
 * ({@link HeartbeatCheck}), and act through the incident kept in the variant's own database — on the transition to
 * stale or data stalled: open the incident, trip the circuit breaker ({@code tripped_by = monitor}; once per incident,
 * so a person's reset holds until a new incident; not for a variant that has never written a heartbeat) and alert;
 * while it stays so: remind every {@code realert_minutes}; on recovery: one
 * notice saying how long it was down. More than {@code flap_threshold} incidents in an hour: one flapping report an
 * hour instead. A database that cannot be reached is its own incident, kept in a local file.
 */
public final class FleetWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetWatch.class);

    /** What one check saw of one variant, and what it did. */
    public record Observation(String variant, HeartbeatState state, Duration age, String summary, List<String> actions) {
    }

    private final FleetFile fleet;
    private final MonitorSettings settings;
    private final DiscordWebhookAlerter discord;
    private final Clock clock;
    private final String monitorId;
    private final MonitorMetrics metrics;
    private final LocalIncidents unreachable;
    private final AlertComposer compose;
    private final HeartbeatCheck.Thresholds thresholds;

    public FleetWatch(FleetFile fleet, DiscordWebhookAlerter discord, Clock clock, String monitorId,
                      io.micrometer.core.instrument.MeterRegistry registry, java.nio.file.Path incidentFile) {
        this.fleet = fleet;
        this.settings = fleet.settings().monitor();
        this.discord = discord;
        this.clock = clock;
        this.monitorId = monitorId;
        this.metrics = new MonitorMetrics(registry, fleet.variants().keySet());
        this.unreachable = new LocalIncidents(incidentFile);
        this.compose = new AlertComposer(fleet.settings().discord().username(), monitorId);
        this.thresholds = new HeartbeatCheck.Thresholds(Duration.ofSeconds(settings.staleAfterSeconds()),
                Duration.ofSeconds(settings.dataStaleAfterSeconds()), Duration.ofSeconds(settings.stuckAfterSeconds()));
    }

    public Duration interval() {
        return Duration.ofSeconds(settings.checkIntervalSeconds());
    }

    /** Checks every variant once; never throws for one variant's trouble. */
    public List<Observation> check() {
        return check(variant -> true);
    }

    /** Checks the variants {@code which} accepts (the demo stops watching runners it has let finish). */
    public List<Observation> check(java.util.function.Predicate<String> which) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        List<VariantTarget> targets = fleet.variants().values().stream().filter(target -> which.test(target.name())).toList();
        List<Observation> observations = FanOut.map(targets, target -> checkVariant(target, now));
        metrics.checked(Duration.ofNanos(System.nanoTime() - start));
        return observations;
    }

    private Observation checkVariant(VariantTarget target, Instant now) {
        String variant = target.name();
        List<String> actions = new ArrayList<>();
        try (Connection connection = target.database().connect()) {
            databaseBack(variant, now, actions);
            Heartbeat heartbeat = HeartbeatReader.read(connection, variant).orElse(null);
            Instant advancedAt = heartbeat == null || heartbeat.newestCandleTime() == null ? null
                    : ObservationStore.candleAdvancedAt(connection, variant, heartbeat.newestCandleTime(), now);
            HeartbeatCheck.Verdict verdict = HeartbeatCheck.evaluate(heartbeat, now, advancedAt, thresholds);
            metrics.variant(variant, verdict.state(), verdict.age());
            if (verdict.state().incident()) {
                incident(connection, variant, verdict, heartbeat, now, actions);
            } else {
                recovery(connection, variant, now, actions);
                if (verdict.state() == HeartbeatState.CYCLE_STUCK) {
                    LOG.warn("{}: {}", variant, verdict.summary());
                }
            }
            return new Observation(variant, verdict.state(), verdict.age(), verdict.summary(), actions);
        } catch (SQLException | RuntimeException e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            metrics.variant(variant, HeartbeatState.UNREACHABLE, null);
            unreachableIncident(variant, error, now, actions);
            return new Observation(variant, HeartbeatState.UNREACHABLE, null, "database unreachable: " + error, actions);
        }
    }

    private void incident(Connection connection, String variant, HeartbeatCheck.Verdict verdict, Heartbeat heartbeat, Instant now,
                          List<String> actions) throws SQLException {
        String kind = verdict.state() == HeartbeatState.DATA_STALLED ? "data_stalled" : "stale";
        int lastHour = IncidentStore.openedSince(connection, variant, now.minus(Duration.ofHours(1)));
        IncidentStore.Seen seen = IncidentStore.openOrTouch(connection, variant, kind, now, heartbeat == null ? null : heartbeat.lastScanEnd(),
                verdict.summary(), lastHour >= settings.flapThreshold());
        IncidentStore.Incident incident = seen.incident();
        if (seen.opened()) {
            LOG.warn("{}: {} — {}", variant, kind, verdict.summary());
            actions.add("incident opened");
        }
        // a scanner that has never run has nothing in flight to protect: alert, but leave the breaker to the first real outage
        if (heartbeat != null && incident.breakerTrippedAt() == null && IncidentStore.tripBreakerOnce(connection, incident.id(), variant,
                kind.equals("stale") ? "stale_heartbeat" : "data_stalled", "monitor", now) == IncidentStore.BreakerTrip.TRIPPED) {
            actions.add("breaker tripped");
        }
        if (incident.flapping()) {
            if (ObservationStore.claimFlappingReport(connection, variant, now, Duration.ofHours(1))) {
                if (deliver(variant, "flapping", compose.flapping(variant, lastHour + (seen.opened() ? 1 : 0), now))) {
                    actions.add("flapping reported");
                } else {
                    ObservationStore.releaseFlappingReport(connection, variant);
                }
            }
            return;
        }
        if (IncidentStore.claimAlert(connection, incident.id(), monitorId, now, Duration.ofMinutes(settings.realertMinutes()))) {
            DiscordMessage message = compose.alert(variant, verdict, heartbeat, incident.id(), incident.alerts(), incident.openedAt(), now);
            if (deliver(variant, incident.alerts() == 0 ? kind : "reminder", message)) {
                IncidentStore.alertDelivered(connection, incident.id(), monitorId, now);
                actions.add(incident.alerts() == 0 ? "alerted" : "reminded");
            } else {
                IncidentStore.release(connection, incident.id(), monitorId);
                actions.add("alert failed");
            }
        }
    }

    private void recovery(Connection connection, String variant, Instant now, List<String> actions) throws SQLException {
        for (IncidentStore.Incident recovered : IncidentStore.recover(connection, variant, now)) {
            LOG.info("{}: recovered ({} incident #{} opened {})", variant, recovered.kind(), recovered.id(), recovered.openedAt());
            actions.add("incident closed");
        }
        for (IncidentStore.Incident due : IncidentStore.recoveryNoticesDue(connection, variant)) {
            if (IncidentStore.claimRecoveryNotice(connection, due.id(), monitorId, now)) {
                if (deliver(variant, "recovered", compose.recovered(variant, due.downSince(), due.openedAt(), due.recoveredAt(), due.id()))) {
                    IncidentStore.recoveryDelivered(connection, due.id(), monitorId, now);
                    actions.add("recovery notified");
                } else {
                    IncidentStore.release(connection, due.id(), monitorId);
                }
            }
        }
    }

    private void unreachableIncident(String variant, String error, Instant now, List<String> actions) {
        LocalIncidents.Incident incident = unreachable.openOrTouch(variant, now, error);
        Duration realert = Duration.ofMinutes(settings.realertMinutes());
        if (incident.alertedAt() == null || !incident.alertedAt().plus(realert).isAfter(now)) {
            if (incident.alerts() == 0) {
                LOG.error("{}: database unreachable: {}", variant, error);
            }
            if (deliver(variant, "unreachable", compose.unreachable(variant, error, incident.alerts(), incident.openedAt(), now))) {
                unreachable.delivered(variant, now);
                actions.add(incident.alerts() == 0 ? "alerted" : "reminded");
            } else {
                actions.add("alert failed");
            }
        }
    }

    private void databaseBack(String variant, Instant now, List<String> actions) {
        unreachable.close(variant).ifPresent(closed -> {
            LOG.info("{}: database reachable again", variant);
            if (closed.alerts() > 0 && deliver(variant, "recovered", compose.databaseBack(variant, closed.openedAt(), now))) {
                actions.add("recovery notified");
            }
        });
    }

    private boolean deliver(String variant, String kind, DiscordMessage message) {
        DiscordWebhookAlerter.Outcome outcome = discord.send(message);
        metrics.alert(variant, kind, outcome);
        if (outcome == DiscordWebhookAlerter.Outcome.NOT_CONFIGURED) {
            return true;
        }
        if (outcome != DiscordWebhookAlerter.Outcome.DELIVERED) {
            LOG.error("{}: {} alert not delivered ({}); it is retried on the next check", variant, kind, outcome);
            return false;
        }
        return true;
    }

    /** Nothing to release any more (each check makes its own short-lived threads); kept so callers can use try-with-resources. */
    @Override
    public void close() {
    }
}
