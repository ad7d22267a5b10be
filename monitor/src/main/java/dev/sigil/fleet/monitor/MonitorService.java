package dev.sigil.fleet.monitor;

import dev.sigil.fleet.watch.DigestSender;
import dev.sigil.fleet.watch.FleetWatch;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link FleetWatch} at a fixed rate ({@link FixedRateRounds}): a check of every variant starts every check
 * interval, the first at once; one that overruns is followed by the next at once, and checks never pile up. A failing
 * check never stops the next. Refuses to start with a Discord webhook URL that is malformed or unsafe
 * ({@link Secret.SecretException}: exit 65, the URL never shown).
 */
@Singleton
public final class MonitorService {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);

    private final FleetWatch watch;
    private final DigestSender digest;
    private final FixedRateRounds rounds;
    private volatile long lastCheckEndedNanos = System.nanoTime();
    private volatile List<FleetWatch.Observation> last = List.of();

    public MonitorService(MonitorSettingsProperties properties, MeterRegistry registry) {
        FleetFile fleet = FleetFile.load(properties.fleetFile());
        DiscordWebhookAlerter discord = DiscordWebhookAlerter.of(fleet.settings().discord().webhookUrl());
        discord.invalidReason().ifPresent(problem -> {
            throw new Secret.SecretException(problem);
        });
        Path state = properties.stateFile() != null ? properties.stateFile() : Path.of("/var/lib/sigil/monitor-unreachable.json");
        this.watch = new FleetWatch(fleet, discord, Clock.systemUTC(), name(), registry, state);
        this.digest = new DigestSender(fleet, discord, Clock.systemUTC(), name());
        this.rounds = new FixedRateRounds("monitor-scheduler", watch.interval(), this::checkOnce);
        LOG.info("monitoring {} variant(s) from {} every {} s; alerts to {}", fleet.variants().size(), properties.fleetFile(),
                watch.interval().toSeconds(), discord.redactedUrl());
    }

    /** Starts the checks: the first at once, then one every check interval. */
    public void start() {
        rounds.start();
    }

    void checkOnce() {
        try {
            List<FleetWatch.Observation> observations = watch.check();
            last = observations;
            String line = observations.stream().map(o -> o.variant() + " " + o.state().token()
                    + (o.age() == null ? "" : " (" + HeartbeatCheck.words(o.age()) + ")")
                    + (o.actions().isEmpty() ? "" : " " + o.actions())).collect(Collectors.joining(", "));
            // a variant stopped on purpose is no warning: it was told once, as a notice
            if (observations.stream().anyMatch(o -> o.state() != HeartbeatState.FRESH && o.state() != HeartbeatState.STOPPED)) {
                LOG.warn("check: {}", line);
            } else {
                LOG.info("check: {}", line);
            }
            sendDigestIfDue();
        } catch (RuntimeException e) {
            if (rounds.stopping()) {
                return;
            }
            LOG.error("monitor check failed; the next one runs on schedule", e);
        } finally {
            lastCheckEndedNanos = System.nanoTime();
        }
    }

    /** The daily digest, when due; its trouble is its own line and never stops the checks. */
    private void sendDigestIfDue() {
        try {
            digest.sendIfDue().ifPresent(done -> LOG.info("{}", done));
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.error("daily digest not sent ({}); tried again at the next check", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    Duration sinceLastCheck() {
        return Duration.ofNanos(System.nanoTime() - lastCheckEndedNanos);
    }

    Duration interval() {
        return watch.interval();
    }

    List<FleetWatch.Observation> lastObservations() {
        return last;
    }

    @PreDestroy
    void stop() {
        rounds.close();
        watch.close();
    }

    private static String name() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (Exception e) {
            return "monitor:" + ProcessHandle.current().pid();
        }
    }
}
