package dev.sigil.fleet.runner.metrics;

import dev.sigil.fleet.session.VariantRunner;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} part "scanLoop": DOWN when a cycle has been running, or none has ended, for too long. */
@Singleton
@Requires(env = "runner")
public final class LoopHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Duration TOO_LONG = Duration.ofMinutes(10);

    private final VariantRunner runner;

    public LoopHealthIndicator(VariantRunner runner) {
        this.runner = runner;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        long now = System.nanoTime();
        long running = runner.liveness().runningNanos(now);
        long sinceLast = runner.liveness().sinceLastCycleNanos(now);
        boolean healthy = !runner.liveness().isFinished() && running < TOO_LONG.toNanos() && sinceLast < TOO_LONG.toNanos();
        healthStatus = healthy ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("variant", String.valueOf(runner.variant()));
        details.put("cycleRunningSeconds", Duration.ofNanos(running).toSeconds());
        details.put("secondsSinceLastCycle", Duration.ofNanos(sinceLast).toSeconds());
        details.put("session", runner.currentSession());
        return details;
    }

    @Override
    protected String getName() {
        return "scanLoop";
    }
}
