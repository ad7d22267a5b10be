package dev.sigil.fleet.watch;

import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The monitor's meters: heartbeat age and state per variant, alerts sent and failed, check duration. Every meter is
 * described (Prometheus HELP), and each variant's series exist from the start — age and state at -1 until the first
 * check, the alert counters at zero for every kind of message — so rates and alert rules never see a missing series.
 */
final class MonitorMetrics {

    /**
     * The kinds of message the monitor sends (the {@code kind} label of the alert counters): an alert per incident kind
     * (the heartbeat states that are incidents), the watch's own notices, and the outbox's notification kinds.
     */
    static final List<String> KINDS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(HeartbeatState.values()).filter(HeartbeatState::incident).map(HeartbeatState::token),
            java.util.stream.Stream.of("reminder", "recovered", "flapping", HeartbeatState.STOPPED.token(),
                    "halt", "risk_trip", "breaker_trip", "breaker_reset", "crash_restart")).toList();

    private static final String PAUSED = "1 while a person's pause (fleet pause) silences the variant's alerts, else 0 (-1: not checked yet)";

    private final MeterRegistry registry;
    private final Timer check;
    private final Map<String, AtomicLong> ages = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> states = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> paused = new ConcurrentHashMap<>();

    MonitorMetrics(MeterRegistry registry, Collection<String> variants) {
        this.registry = registry;
        this.check = Timer.builder("sigil.monitor.check.duration").description("Duration of one check of every variant").register(registry);
        for (String variant : variants) {
            gauge(ages, "sigil.monitor.heartbeat.age.seconds", "Seconds since the variant's last scan cycle ended (-1: never, unreachable, or not checked yet)", variant);
            gauge(paused, "sigil.monitor.variant.paused", PAUSED, variant);
            gauge(states, "sigil.monitor.variant.state", "0 fresh, 1 cycle stuck, 2 stale, 3 data stalled, 4 unreachable, 5 stopped on purpose (-1: not checked yet)", variant);
            for (String kind : KINDS) {
                counter(variant, kind, DiscordWebhookAlerter.Outcome.DELIVERED);
                counter(variant, kind, DiscordWebhookAlerter.Outcome.FAILED);
            }
        }
    }

    void checked(Duration took) {
        check.record(took);
    }

    void variant(String variant, HeartbeatState state, Duration age) {
        gauge(ages, "sigil.monitor.heartbeat.age.seconds", "Seconds since the variant's last scan cycle ended (-1: never, unreachable, or not checked yet)", variant)
                .set(age == null ? -1 : age.toSeconds());
        gauge(states, "sigil.monitor.variant.state", "0 fresh, 1 cycle stuck, 2 stale, 3 data stalled, 4 unreachable, 5 stopped on purpose (-1: not checked yet)", variant)
                .set(state.ordinal());
    }

    void paused(String variant, boolean isPaused) {
        gauge(paused, "sigil.monitor.variant.paused", PAUSED, variant).set(isPaused ? 1 : 0);
    }

    void alert(String variant, String kind, DiscordWebhookAlerter.Outcome outcome) {
        counter(variant, kind, outcome).increment();
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String description, String variant) {
        return values.computeIfAbsent(variant, key -> {
            AtomicLong value = new AtomicLong(-1);
            Gauge.builder(name, value, AtomicLong::get).description(description).tag("variant", key).register(registry);
            return value;
        });
    }

    private Counter counter(String variant, String kind, DiscordWebhookAlerter.Outcome outcome) {
        boolean sent = outcome == DiscordWebhookAlerter.Outcome.DELIVERED;
        return Counter.builder(sent ? "sigil.monitor.alerts.sent" : "sigil.monitor.alerts.failed")
                .description(sent ? "Discord messages delivered, by variant and kind" : "Discord messages not delivered, by variant, kind and why")
                .tag("variant", variant).tag("kind", kind).tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
    }
}
