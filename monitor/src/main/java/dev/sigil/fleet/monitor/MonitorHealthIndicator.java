package dev.sigil.fleet.monitor;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} part "monitor": DOWN when no check has ended for three intervals (the monitor itself is stuck). */
@Singleton
@Requires(env = "monitor")
public final class MonitorHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final MonitorService service;

    public MonitorHealthIndicator(MonitorService service) {
        this.service = service;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean healthy = service.sinceLastCheck().compareTo(service.interval().multipliedBy(3)) < 0;
        healthStatus = healthy ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("secondsSinceLastCheck", service.sinceLastCheck().toSeconds());
        details.put("checkIntervalSeconds", service.interval().toSeconds());
        service.lastObservations().forEach(o -> details.put(o.variant(), o.state().token()));
        return details;
    }

    @Override
    protected String getName() {
        return "monitor";
    }
}
