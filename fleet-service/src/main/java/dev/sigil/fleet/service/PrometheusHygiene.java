package dev.sigil.fleet.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Map;

/**
 * Makes what the runner and the monitor expose at {@code /prometheus} pass {@code promtool check metrics}: a HELP
 * text for the framework's meters that have none, a name without an abbreviated unit or a misleading
 * {@code _count} suffix, and nothing from meters that duplicate others under a non-conforming name.
 */
public final class PrometheusHygiene implements MeterFilter {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests served (/health, /prometheus), by status and URI",
            "executor", "Time tasks spent running on the application's executors");
    private static final Map<String, String> RENAMES = Map.of(
            "system.cpu.count", "system.cpu.processors");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        // process_cpu_time_ns_total: nanoseconds under an abbreviated name; process_cpu_usage says the same
        return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        Meter.Id mapped = id;
        String rename = RENAMES.get(id.getName());
        if (rename != null) {
            mapped = mapped.withName(rename);
        }
        String description = DESCRIPTIONS.get(id.getName());
        if (description != null && (id.getDescription() == null || id.getDescription().isBlank())) {
            mapped = new Meter.Id(mapped.getName(), io.micrometer.core.instrument.Tags.of(mapped.getTagsAsIterable()), mapped.getBaseUnit(),
                    description, mapped.getType());
        }
        return mapped;
    }
}
