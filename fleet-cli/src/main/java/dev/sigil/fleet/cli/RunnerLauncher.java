package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.session.SessionSummary;
import dev.sigil.fleet.session.VariantRunner;
import dev.sigil.fleet.session.MarketDataFactory;
import dev.sigil.fleet.market.ReplayInputReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A variant runner inside this process — the same Micronaut context, engine, loop and database writes as the
 * service, without its HTTP server — for backtests, the demo and the benchmark.
 */
public final class RunnerLauncher implements AutoCloseable {

    private final ApplicationContext context;

    public RunnerLauncher(DatabaseTarget database, Map<String, Object> runnerSettings) {
        this(database, runnerSettings, new Object[0]);
    }

    /** With beans of its own, e.g. a {@link dev.sigil.fleet.session.RunnerTime} for a live run on a simulated clock. */
    public RunnerLauncher(DatabaseTarget database, Map<String, Object> runnerSettings, Object... singletons) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", database.url());
        properties.put("datasources.default.username", database.user() == null ? "" : database.user());
        properties.put("datasources.default.password", database.password().reveal().orElse(""));
        properties.put("datasources.default.maximum-pool-size", 4);
        properties.put("micronaut.metrics.enabled", true);
        runnerSettings.forEach((key, value) -> properties.put("sigil.runner." + key, value));
        this.context = ApplicationContext.builder().environments(dev.sigil.fleet.session.RunnerSettings.ENVIRONMENT).properties(properties).singletons(singletons).banner(false).start();
    }

    public VariantRunner runner() {
        return context.getBean(VariantRunner.class);
    }

    public List<SessionSummary> run() throws Exception {
        return runner().run(summary -> { });
    }

    /** Candles processed so far (for progress lines). */
    public long candles() {
        var counter = Search.in(context.getBean(MeterRegistry.class)).name("sigil.candles.processed").counter();
        return counter == null ? 0 : (long) counter.count();
    }

    /** The tick clock of the last cycle, if one ran. */
    /** Candles the runner warmed up on before trading (a replay's first time steps). */
    public long warmUpCandles() {
        var counter = Search.in(context.getBean(MeterRegistry.class)).name("sigil.warmup.candles").counter();
        return counter == null ? 0 : (long) counter.count();
    }

    public Instant marketTime() {
        var gauge = Search.in(context.getBean(MeterRegistry.class)).name("sigil.market.time.seconds").gauge();
        return gauge == null || gauge.value() <= 0 ? null : Instant.ofEpochSecond((long) gauge.value());
    }

    /** What the replay read, skipped and found bad (after {@link #run}; empty if the run was not a replay). */
    public Optional<ReplayInputReport> replayInput() {
        return context.getBean(MarketDataFactory.class).replayInput();
    }

    /** The runner's micrometer registry (cycle timings and counters). */
    public MeterRegistry registry() {
        return context.getBean(MeterRegistry.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
