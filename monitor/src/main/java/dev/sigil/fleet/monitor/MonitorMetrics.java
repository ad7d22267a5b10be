package dev.sigil.fleet.monitor;

import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.monitor.discord.DiscordWebhookAlerter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The monitor's meters: heartbeat age and state per variant, alerts sent and failed, check duration. */
final class MonitorMetrics {

    private final MeterRegistry registry;
    private final Timer check;
    private final Map<String, AtomicLong> ages = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> states = new ConcurrentHashMap<>();

    MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.check = Timer.builder("sigil.monitor.check.duration").description("Duration of one check of every variant").register(registry);
    }

    void checked(Duration took) {
        check.record(took);
    }

    void variant(String variant, HeartbeatState state, Duration age) {
        ages.computeIfAbsent(variant, key -> {
            AtomicLong value = new AtomicLong(-1);
            Gauge.builder("sigil.monitor.heartbeat.age.seconds", value, AtomicLong::get)
                    .description("Seconds since the variant's last scan cycle ended (-1: never, or unreachable)").tag("variant", key).register(registry);
            return value;
        }).set(age == null ? -1 : age.toSeconds());
        states.computeIfAbsent(variant, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("sigil.monitor.variant.state", value, AtomicLong::get)
                    .description("0 fresh, 1 cycle stuck, 2 stale, 3 data stalled, 4 unreachable").tag("variant", key).register(registry);
            return value;
        }).set(state.ordinal());
    }

    void alert(String variant, String kind, DiscordWebhookAlerter.Outcome outcome) {
        String name = outcome == DiscordWebhookAlerter.Outcome.DELIVERED ? "sigil.monitor.alerts.sent" : "sigil.monitor.alerts.failed";
        Counter.builder(name).tag("variant", variant).tag("kind", kind).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }
}
