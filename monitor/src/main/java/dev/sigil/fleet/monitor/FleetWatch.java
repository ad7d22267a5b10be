package dev.sigil.fleet.monitor;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.core.incident.IncidentPolicy;
import dev.sigil.fleet.io.db.FanOut;
import dev.sigil.fleet.io.fleet.FleetFile;
import dev.sigil.fleet.io.fleet.MonitorSettings;
import dev.sigil.fleet.io.fleet.VariantTarget;
import dev.sigil.fleet.io.monitor.HeartbeatReader;
import dev.sigil.fleet.io.monitor.IncidentStore;
import dev.sigil.fleet.io.monitor.Notifications;
import dev.sigil.fleet.io.monitor.ObservationStore;
import dev.sigil.fleet.io.monitor.PauseStore;
import dev.sigil.fleet.io.monitor.StopReader;
import dev.sigil.fleet.monitor.discord.DiscordMessage;
import dev.sigil.fleet.monitor.discord.DiscordWebhookAlerter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dead-man check of every variant in the fleet, the variants contacted at the same time ({@link FanOut}) so a slow
 * or dead database holds up no other and costs at most the connect timeout
 * ({@link dev.sigil.fleet.io.fleet.DatabaseTarget#LOGIN_TIMEOUT}). Per variant: read the heartbeat, judge it
 * ({@link HeartbeatCheck}), read its open incident, let {@link IncidentPolicy} decide, and execute through the incident
 * kept in the variant's own database, each delivery under a claim so two monitors send once — on the transition to
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
    private final IncidentPolicy policy;
    /** One connection per variant database, kept between rounds (see {@link #connection}). */
    private final Map<String, Connection> kept = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KEPT_CONNECTION_CHECK_SECONDS = 1;

    public FleetWatch(FleetFile fleet, DiscordWebhookAlerter discord, Clock clock, String monitorId,
                      io.micrometer.core.instrument.MeterRegistry registry, java.nio.file.Path incidentFile) {
        this(fleet, discord, clock, monitorId, registry, incidentFile, null);
    }

    /**
     * @param staleAfter overrides the fleet file's {@code monitor.stale_after_seconds} (the probe's {@code --stale-after}); null: the file's
     */
    public FleetWatch(FleetFile fleet, DiscordWebhookAlerter discord, Clock clock, String monitorId,
                      io.micrometer.core.instrument.MeterRegistry registry, java.nio.file.Path incidentFile, Duration staleAfter) {
        this.fleet = fleet;
        this.settings = fleet.settings().monitor();
        this.discord = discord;
        this.clock = clock;
        this.monitorId = monitorId;
        this.metrics = new MonitorMetrics(registry, fleet.variants().keySet());
        this.unreachable = new LocalIncidents(incidentFile);
        this.compose = new AlertComposer(fleet.settings().discord().username(), monitorId);
        this.thresholds = new HeartbeatCheck.Thresholds(staleAfter != null ? staleAfter : Duration.ofSeconds(settings.staleAfterSeconds()),
                Duration.ofSeconds(settings.dataStaleAfterSeconds()), Duration.ofSeconds(settings.stuckAfterSeconds()));
        this.policy = new IncidentPolicy(new IncidentPolicy.Thresholds(Duration.ofMinutes(settings.realertMinutes()), settings.flapThreshold()));
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
        Connection connection = null;
        try {
            connection = connection(target);
            databaseBack(variant, now, actions);
            Heartbeat heartbeat = HeartbeatReader.read(connection, variant).orElse(null);
            Instant advancedAt = heartbeat == null || heartbeat.newestCandleTime() == null ? null
                    : ObservationStore.candleAdvancedAt(connection, variant, heartbeat.newestCandleTime(), now);
            Optional<StopReader.Stopped> stopped = StopReader.cleanStop(connection, variant);
            HeartbeatCheck.Verdict verdict = HeartbeatCheck.evaluate(heartbeat, now, advancedAt, thresholds, stopped.map(StopReader.Stopped::stop).orElse(null));
            Optional<PauseStore.Pause> pause = PauseStore.active(connection, variant, now);
            metrics.variant(variant, verdict.state(), verdict.age());
            metrics.paused(variant, pause.isPresent());
            if (verdict.state() == HeartbeatState.CYCLE_STUCK) {
                LOG.warn("{}: {}", variant, verdict.summary());
            }
            new InDatabase(connection, variant, verdict, heartbeat, now, actions).run(pause.isPresent(), stopped.orElse(null));
            deliverNotifications(connection, variant, pause.isPresent(), now, actions);
            String summary = verdict.summary() + pause.map(paused -> " (paused until " + paused.until() + " by " + paused.by() + ": " + paused.reason() + ")").orElse("");
            kept.put(variant, connection);
            return new Observation(variant, verdict.state(), verdict.age(), summary, actions);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            metrics.variant(variant, HeartbeatState.UNREACHABLE, null);
            unreachableIncident(variant, error, now, actions);
            return new Observation(variant, HeartbeatState.UNREACHABLE, null, "database unreachable: " + error, actions);
        }
    }

    /** One variant's incident kept in its own database: read, let the policy decide, execute with claims. */
    private final class InDatabase {

        private final Connection connection;
        private final String variant;
        private final HeartbeatCheck.Verdict verdict;
        private final Heartbeat heartbeat;
        private final Instant now;
        private final List<String> actions;
        private final Map<Long, IncidentStore.Incident> known = new HashMap<>();
        private IncidentStore.Incident current;

        InDatabase(Connection connection, String variant, HeartbeatCheck.Verdict verdict, Heartbeat heartbeat, Instant now, List<String> actions) {
            this.connection = connection;
            this.variant = variant;
            this.verdict = verdict;
            this.heartbeat = heartbeat;
            this.now = now;
            this.actions = actions;
        }

        void run(boolean paused, StopReader.Stopped stopped) throws SQLException {
            String down = switch (verdict.state()) {
                case STALE -> "stale";
                case DATA_STALLED -> "data_stalled";
                default -> null;
            };
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
            for (IncidentPolicy.Action action : policy.decide(facts, now)) {
                execute(action, lastHour, flappingReported);
            }
        }

        private void execute(IncidentPolicy.Action action, int lastHour, Instant flappingReported) throws SQLException {
            switch (action) {
                case IncidentPolicy.Open(String kind, boolean flapping) -> {
                    IncidentStore.Seen seen = IncidentStore.openOrTouch(connection, variant, kind, now, downSince(), verdict.summary(), flapping);
                    current = seen.incident();
                    if (seen.opened()) {
                        LOG.warn("{}: {} — {}", variant, kind, verdict.summary());
                        actions.add("incident opened");
                    }
                }
                case IncidentPolicy.StillDown(String kind) ->
                        current = IncidentStore.openOrTouch(connection, variant, kind, now, downSince(), verdict.summary(), current.flapping()).incident();
                case IncidentPolicy.TripBreaker(String reason) -> {
                    if (IncidentStore.tripBreakerOnce(connection, current.id(), variant, reason, "monitor", now) == IncidentStore.BreakerTrip.TRIPPED) {
                        actions.add("breaker tripped");
                    }
                }
                case IncidentPolicy.ReportFlapping(int incidents) -> {
                    if (ObservationStore.claimFlappingReport(connection, variant, now, flappingReported)) {
                        if (deliver(variant, "flapping", compose.flapping(variant, incidents, now))) {
                            actions.add("flapping reported");
                        } else {
                            ObservationStore.releaseFlappingReport(connection, variant);
                        }
                    }
                }
                case IncidentPolicy.Alert(String kind) -> alert(kind, "alerted", 0);
                case IncidentPolicy.Remind(String kind, int before) -> alert("reminder", "reminded", before);
                case IncidentPolicy.Close(long id) -> {
                    for (IncidentStore.Incident recovered : IncidentStore.recover(connection, variant, now)) {
                        LOG.info("{}: recovered ({} incident #{} opened {})", variant, recovered.kind(), recovered.id(), recovered.openedAt());
                        known.put(recovered.id(), recovered);
                        actions.add("incident closed");
                    }
                }
                case IncidentPolicy.NotifyStopped(long session) -> {
                    if (ObservationStore.claimStoppedNotice(connection, variant, session, now)) {
                        LOG.info("{}: {}", variant, verdict.summary());
                        if (deliver(variant, "stopped", compose.stopped(variant, verdict, session, now))) {
                            actions.add("stop notified");
                        } else {
                            ObservationStore.releaseStoppedNotice(connection, variant, session);
                        }
                    }
                }
                case IncidentPolicy.NotifyRecovery(long id) -> {
                    IncidentStore.Incident due = known.get(id);
                    if (due != null && IncidentStore.claimRecoveryNotice(connection, id, monitorId, now)) {
                        if (deliver(variant, "recovered", compose.recovered(variant, due.downSince(), due.openedAt(), due.recoveredAt(), id))) {
                            IncidentStore.recoveryDelivered(connection, id, monitorId, now);
                            actions.add("recovery notified");
                        } else {
                            IncidentStore.release(connection, id, monitorId);
                        }
                    }
                }
            }
        }

        /**
         * Sends the alert the policy decided on, claimed on the alert count it decided from ({@code alertsSeen}): if another
         * monitor opened the same incident a moment ago and has alerted already, the claim fails and nothing is sent twice.
         */
        private void alert(String kind, String done, int alertsSeen) throws SQLException {
            if (!IncidentStore.claimAlert(connection, current.id(), monitorId, now, alertsSeen)) {
                return;
            }
            DiscordMessage message = compose.alert(variant, verdict, heartbeat, current.id(), current.alerts(), current.openedAt(), now);
            if (deliver(variant, kind, message)) {
                IncidentStore.alertDelivered(connection, current.id(), monitorId, now);
                actions.add(done);
            } else {
                IncidentStore.release(connection, current.id(), monitorId);
                actions.add("alert failed");
            }
        }

        private Instant downSince() {
            return heartbeat == null ? null : heartbeat.lastScanEnd();
        }
    }

    /**
     * The variant's outbox (HALTs, risk-limit trips, a person's trips and resets, sessions started after a crash, written by
     * the runner and the commands in the transaction of what they tell): each row sent once under a claim, oldest first;
     * marked delivered without a message while the variant is paused. A failed send stops the round: the next check
     * retries it, in order.
     */
    private void deliverNotifications(Connection connection, String variant, boolean paused, Instant now, List<String> actions) throws SQLException {
        for (Notifications.Notification note : Notifications.pending(connection, variant, 20)) {
            if (!Notifications.claim(connection, note.id(), monitorId, now)) {
                continue;
            }
            if (paused) {
                Notifications.delivered(connection, note.id(), monitorId, now, true);
                actions.add(note.kind() + " not told (paused)");
            } else if (deliver(variant, note.kind(), compose.notification(note))) {
                Notifications.delivered(connection, note.id(), monitorId, now, false);
                actions.add(note.kind() + " told");
            } else {
                Notifications.release(connection, note.id(), monitorId);
                return;
            }
        }
    }

    /** A database the monitor cannot reach: its incident is kept in the local file, under the same policy (no trip: it cannot be made). */
    private void unreachableIncident(String variant, String error, Instant now, List<String> actions) {
        IncidentPolicy.OpenIncident open = unreachable.get(variant)
                .map(incident -> new IncidentPolicy.OpenIncident(0, incident.openedAt(), incident.alertedAt(), incident.alerts(), false, true)).orElse(null);
        LocalIncidents.Incident incident = null;
        for (IncidentPolicy.Action action : policy.decide(new IncidentPolicy.Facts("unreachable", true, false, open, 0, null, List.of()), now)) {
            switch (action) {
                case IncidentPolicy.Open ignored -> incident = unreachable.openOrTouch(variant, now, error);
                case IncidentPolicy.StillDown ignored -> incident = unreachable.openOrTouch(variant, now, error);
                case IncidentPolicy.Alert ignored -> {
                    LOG.error("{}: database unreachable: {}", variant, error);
                    deliverUnreachable(variant, error, incident, now, actions, "alerted");
                }
                case IncidentPolicy.Remind ignored -> deliverUnreachable(variant, error, incident, now, actions, "reminded");
                default -> throw new IllegalStateException("not an action for an unreachable database: " + action);
            }
        }
    }

    private void deliverUnreachable(String variant, String error, LocalIncidents.Incident incident, Instant now, List<String> actions, String done) {
        if (deliver(variant, "unreachable", compose.unreachable(variant, error, incident.alerts(), incident.openedAt(), now))) {
            unreachable.delivered(variant, now);
            actions.add(done);
        } else {
            actions.add("alert failed");
        }
    }

    /** The database answers again: the policy closes its local incident and tells of it if it was alerted. */
    private void databaseBack(String variant, Instant now, List<String> actions) {
        Optional<LocalIncidents.Incident> open = unreachable.get(variant);
        if (open.isEmpty()) {
            return;
        }
        LocalIncidents.Incident incident = open.get();
        IncidentPolicy.OpenIncident seen = new IncidentPolicy.OpenIncident(0, incident.openedAt(), incident.alertedAt(), incident.alerts(), false, true);
        for (IncidentPolicy.Action action : policy.decide(new IncidentPolicy.Facts(null, true, false, seen, 0, null, List.of()), now)) {
            switch (action) {
                case IncidentPolicy.Close ignored -> {
                    unreachable.close(variant);
                    LOG.info("{}: database reachable again", variant);
                }
                case IncidentPolicy.NotifyRecovery ignored -> {
                    if (deliver(variant, "recovered", compose.databaseBack(variant, incident.openedAt(), now))) {
                        actions.add("recovery notified");
                    }
                }
                default -> throw new IllegalStateException("not an action for a database back: " + action);
            }
        }
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

    /**
     * The variant database's connection kept from the last round if it still answers, else a new one. A round over a
     * hundred databases then costs their queries, not a hundred new server processes (a PostgreSQL backend's start
     * and its catalog caches were most of a round's time). A connection whose check failed is closed, not kept.
     */
    private Connection connection(VariantTarget target) throws SQLException {
        Connection connection = kept.remove(target.name());
        if (connection != null) {
            try {
                if (connection.isValid(KEPT_CONNECTION_CHECK_SECONDS) && connection.getAutoCommit()) {
                    return connection;
                }
            } catch (SQLException e) {
                // gone with its server: a new connection says whether the database is back
            }
            closeQuietly(connection);
        }
        return target.database().connect();
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // already broken: nothing to release
        }
    }

    /** Closes the connections kept for the next round. */
    @Override
    public void close() {
        kept.values().forEach(FleetWatch::closeQuietly);
        kept.clear();
    }
}
