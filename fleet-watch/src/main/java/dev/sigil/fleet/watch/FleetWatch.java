package dev.sigil.fleet.watch;

import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.MonitorSettings;
import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.core.incident.WatchRule;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.db.heartbeat.HeartbeatStore;
import dev.sigil.fleet.db.incident.ObservationStore;
import dev.sigil.fleet.db.pause.PauseStore;
import dev.sigil.fleet.db.session.SessionStore;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dead-man check of every variant in the fleet, the variants contacted at the same time ({@link FanOut}) so a slow
 * or dead database holds up no other and costs at most the connect timeout
 * ({@link dev.sigil.fleet.config.fleet.DatabaseTarget#LOGIN_TIMEOUT}). Per variant: read its heartbeat, its last
 * session's end and its pause; judge with the {@link WatchRule}; then its incident ({@link VariantIncidents}) and its
 * outbox ({@link Outbox}) in its own database, every message under a claim so two monitors send once — on the
 * transition to stale or data stalled: open the incident, trip the circuit breaker ({@code tripped_by = monitor}; once
 * per incident, so a person's reset holds until a new incident; not for a variant that has never written a
 * heartbeat) and alert; while it stays so: remind every {@code realert_minutes}; on recovery: one notice saying how
 * long it was down. More than {@code flap_threshold} incidents in an hour: one flapping report an hour instead. A
 * database that cannot be reached is its own incident, kept in a local file ({@link UnreachableIncidents}).
 */
public final class FleetWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetWatch.class);
    private static final int KEPT_CONNECTION_CHECK_SECONDS = 1;

    /** What one check saw of one variant, and what it did. */
    public record Observation(String variant, HeartbeatState state, Duration age, String summary, List<String> actions) {
    }

    private final FleetFile fleet;
    private final MonitorSettings settings;
    private final Clock clock;
    private final String monitorId;
    private final MonitorMetrics metrics;
    private final AlertComposer compose;
    private final Delivery delivery;
    private final WatchRule rule;
    private final UnreachableIncidents unreachable;
    private final Outbox outbox;
    /** One connection per variant database, kept between rounds (see {@link #connection}). */
    private final Map<String, Connection> kept = new ConcurrentHashMap<>();

    public FleetWatch(FleetFile fleet, DiscordWebhookAlerter discord, Clock clock, String monitorId, MeterRegistry registry, Path incidentFile) {
        this(fleet, discord, clock, monitorId, registry, incidentFile, null);
    }

    /**
     * @param staleAfter overrides the fleet file's {@code monitor.stale_after_seconds} (the probe's {@code --stale-after}); null: the file's
     */
    public FleetWatch(FleetFile fleet, DiscordWebhookAlerter discord, Clock clock, String monitorId, MeterRegistry registry, Path incidentFile,
                      Duration staleAfter) {
        this.fleet = fleet;
        this.settings = fleet.settings().monitor();
        this.clock = clock;
        this.monitorId = monitorId;
        this.metrics = new MonitorMetrics(registry, fleet.variants().keySet());
        this.compose = new AlertComposer(fleet.settings().discord().username(), monitorId);
        this.delivery = new Delivery(discord, metrics);
        this.rule = settings.watchRule(staleAfter);
        this.unreachable = new UnreachableIncidents(incidentFile, rule, compose, delivery);
        this.outbox = new Outbox(compose, delivery, monitorId);
    }

    public Duration interval() {
        return Duration.ofSeconds(settings.checkIntervalSeconds());
    }

    /** Checks every variant once; never throws for one variant's trouble. */
    public List<Observation> check() {
        return check(variant -> true);
    }

    /** Checks the variants {@code which} accepts (the demo stops watching runners it has let finish). */
    public List<Observation> check(Predicate<String> which) {
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
            unreachable.reachable(variant, now, actions);
            Heartbeat heartbeat = HeartbeatStore.read(connection, variant).orElse(null);
            Instant advancedAt = heartbeat == null || heartbeat.newestCandleTime() == null ? null
                    : ObservationStore.candleAdvancedAt(connection, variant, heartbeat.newestCandleTime(), now);
            SessionStore.LastEnd last = SessionStore.lastEnd(connection, variant).orElse(null);
            HeartbeatCheck.CleanStop stop = last == null ? null : WatchRule.cleanStop(last.endedAt(), last.endReason(), last.lockHeld());
            HeartbeatCheck.Verdict verdict = rule.judge(heartbeat, now, advancedAt, stop);
            Optional<PauseStore.Pause> pause = PauseStore.active(connection, variant, now);
            metrics.variant(variant, verdict.state(), verdict.age());
            metrics.paused(variant, pause.isPresent());
            if (verdict.state() == HeartbeatState.CYCLE_STUCK) {
                LOG.warn("{}: {}", variant, verdict.summary());
            }
            new VariantIncidents(connection, variant, verdict, heartbeat, now, actions, compose, delivery, monitorId)
                    .run(rule, pause.isPresent(), stop == null ? null : last);
            outbox.deliver(connection, variant, pause.isPresent(), now, actions);
            String summary = verdict.summary() + pause.map(paused -> " (paused until " + paused.until() + " by " + paused.by() + ": " + paused.reason() + ")").orElse("");
            kept.put(variant, connection);
            return new Observation(variant, verdict.state(), verdict.age(), summary, actions);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            metrics.variant(variant, HeartbeatState.UNREACHABLE, null);
            unreachable.unreachable(variant, error, now, actions);
            return new Observation(variant, HeartbeatState.UNREACHABLE, null, "database unreachable: " + error, actions);
        }
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
