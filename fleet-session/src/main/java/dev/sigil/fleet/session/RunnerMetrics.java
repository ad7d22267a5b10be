package dev.sigil.fleet.session;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.CandleDefect;
import dev.sigil.fleet.core.engine.EngineListener;
import dev.sigil.fleet.core.engine.TickReport;
import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.guard.GuardEvent;
import dev.sigil.fleet.core.guard.GuardSource;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.strategy.EntrySignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's Micrometer meters, every one tagged {@code variant} and described (Prometheus HELP), and the engine
 * listener that feeds them and logs what the engine decides. Exposed by Micronaut at {@code /prometheus}. Counters
 * with a known set of labels exist from the start at zero, so a rate or an alert rule never sees a missing series.
 */
public final class RunnerMetrics implements EngineListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerMetrics.class);
    /** The ledger operations a failure can be counted for. */
    private static final List<String> LEDGER_OPERATIONS = List.of("open", "close", "trails", "signal", "snapshot", "checkpoint");

    private final MeterRegistry registry;
    private final String variant;
    private final Timer cycle;
    private final Counter candles;
    private final Counter cycleFailures;
    private final Counter entries;
    private final Counter stopsWithoutAtr;
    private final Counter warmUpCandles;
    private final AtomicLong openPositions = new AtomicLong();
    private final AtomicReference<Double> equity = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> realized = new AtomicReference<>(0.0);
    private final AtomicLong lastHeartbeat = new AtomicLong();
    private final AtomicLong newestCandle = new AtomicLong();
    private final AtomicLong marketTime = new AtomicLong();
    private final AtomicLong breakerTripped = new AtomicLong();
    private final AtomicLong overlayRefused = new AtomicLong();
    private final AtomicReference<dev.sigil.fleet.core.engine.ScanEngine> watched = new AtomicReference<>();

    public RunnerMetrics(MeterRegistry registry, String variant) {
        this.registry = registry;
        this.variant = variant;
        this.cycle = Timer.builder("sigil.cycle.duration").description("Duration of one scan cycle").tag("variant", variant)
                .publishPercentiles(0.5, 0.99).register(registry);
        this.candles = Counter.builder("sigil.candles.processed").description("Closed candles the engine used").tag("variant", variant).register(registry);
        this.cycleFailures = Counter.builder("sigil.cycle.failures").description("Scan cycles that failed with an error").tag("variant", variant).register(registry);
        this.entries = Counter.builder("sigil.entries").description("Positions opened").tag("variant", variant).register(registry);
        this.warmUpCandles = Counter.builder("sigil.warmup.candles").description("Closed candles the indicators and guard windows warmed up "
                + "on before trading: a live runner's history, a replay's first time steps").tag("variant", variant).register(registry);
        this.stopsWithoutAtr = Counter.builder("sigil.stops.without.atr").description("Symbols whose entry had no ATR, the hard stop on its floor (G1)")
                .tag("variant", variant).register(registry);
        Gauge.builder("sigil.open.positions", openPositions, AtomicLong::get).description("Positions open after the last cycle")
                .tag("variant", variant).register(registry);
        Gauge.builder("sigil.equity.usd", equity, AtomicReference::get)
                .description("Paper equity after the last cycle: balance + realized P&L + open positions marked to market, USD")
                .tag("variant", variant).register(registry);
        Gauge.builder("sigil.realized.pnl.usd", realized, AtomicReference::get)
                .description("Realized P&L of the variant's paper account over its whole life, USD").tag("variant", variant).register(registry);
        Gauge.builder("sigil.market.time.seconds", marketTime, AtomicLong::get)
                .description("The tick clock of the last cycle (the candles' time in replay), epoch seconds").tag("variant", variant).register(registry);
        Gauge.builder("sigil.newest.candle.seconds", newestCandle, AtomicLong::get)
                .description("Close time of the newest candle the engine was handed, epoch seconds (0: none yet); "
                        + "time() minus it is the candle lag").tag("variant", variant).register(registry);
        Gauge.builder("sigil.circuit.breaker.tripped", breakerTripped, AtomicLong::get)
                .description("1 while the variant's circuit breaker is tripped (no entries), else 0").tag("variant", variant).register(registry);
        Gauge.builder("sigil.overlay.refused", overlayRefused, AtomicLong::get)
                .description("1 when the overlay on disk was refused at the last session start (invalid, or a market change "
                        + "that needs a restart): the previous config runs on").tag("variant", variant).register(registry);
        Gauge.builder("sigil.heartbeat.last.seconds", lastHeartbeat, AtomicLong::get)
                .description("Wall-clock time of the last heartbeat written, epoch seconds").tag("variant", variant).register(registry);
        for (CandleDefect defect : CandleDefect.values()) {
            badCandles(defect);
        }
        LEDGER_OPERATIONS.forEach(this::ledgerFailures);
        for (ExitReason reason : ExitReason.values()) {
            exits(reason);
        }
        signals(null);
        for (GuardEvent.Type type : GuardEvent.Type.values()) {
            boolean engineWide = type == GuardEvent.Type.MODE_CHANGED || type == GuardEvent.Type.HALT;
            if (engineWide) {
                guardEvents(null, type);
            } else {
                for (GuardSource source : GuardSource.values()) {
                    guardEvents(source, type);
                }
            }
        }
    }

    public void tick(TickReport report, Duration took) {
        cycle.record(took);
        candles.increment(report.candlesAccepted());
        openPositions.set(report.openPositions());
        equity.set(report.equity());
        realized.set(report.realizedPnl());
        marketTime.set(report.marketTime().getEpochSecond());
        if (report.newestCandle() != null) {
            newestCandle.accumulateAndGet(report.newestCandle().getEpochSecond(), Math::max);
        }
    }

    public void breaker(boolean tripped) {
        breakerTripped.set(tripped ? 1 : 0);
    }

    /**
     * Gauges read from the engine at scrape time: the mode and, per guard source, its state, episodes and cool-down.
     * Watching another engine (reconfigured between sessions) moves the same gauges to it.
     */
    public void watch(dev.sigil.fleet.core.engine.ScanEngine engine) {
        boolean first = watched.getAndSet(engine) == null;
        if (!first) {
            return;
        }
        Gauge.builder("sigil.mode", watched, e -> e.get().safety().guards().mode().ordinal())
                .description("0 ACTIVE, 1 DEGRADED, 2 HALT").tag("variant", variant).register(registry);
        for (GuardSource source : GuardSource.values()) {
            Gauge.builder("sigil.guard.state", watched, e -> e.get().safety().guards().state(source).ordinal())
                    .description("0 normal, 1 degraded, 2 recovery cool-down").tag("variant", variant).tag("source", source.token()).register(registry);
            Gauge.builder("sigil.guard.degraded.episodes", watched, e -> e.get().safety().guards().episodes(source))
                    .description("Episodes in DEGRADED this session").tag("variant", variant).tag("source", source.token()).register(registry);
            Gauge.builder("sigil.guard.cooldown.until.tick", watched, e -> e.get().safety().guards().recoveryCooldownUntilTick(source))
                    .description("Tick until which the source's recovery is suppressed (0: never)").tag("variant", variant).tag("source", source.token()).register(registry);
        }
    }

    /** Whether the overlay on disk was refused at the last session start (the previous config kept running). */
    public void overlayRefused(boolean refused) {
        overlayRefused.set(refused ? 1 : 0);
    }

    @Override
    public void guardEvent(GuardEvent event) {
        guardEvents(event.source(), event.type()).increment();
        switch (event.type()) {
            case DEGRADED, HALT -> LOG.warn("{}: guard {}", variant, event);
            case STABILITY_RESET -> LOG.debug("{}: guard {}", variant, event);
            default -> LOG.info("{}: guard {}", variant, event);
        }
    }

    public void cycleFailed() {
        cycleFailures.increment();
    }

    public void heartbeat(Instant at) {
        lastHeartbeat.set(at.getEpochSecond());
    }

    public void malformed(int rows) {
        if (rows > 0) {
            badCandles(CandleDefect.MALFORMED).increment(rows);
        }
    }

    @Override
    public void badCandle(Candle candle, CandleDefect defect, long missing) {
        badCandles(defect).increment();
        if (defect == CandleDefect.GAP) {
            LOG.warn("{} {}: {} candle(s) missing before {}", variant, candle.symbol(), missing, candle.openTime());
        } else {
            LOG.warn("{} {}: skipped candle at {} ({})", variant, candle.symbol(), candle.openTime(), defect.token());
        }
    }

    @Override
    public void signal(EntrySignal signal, String rejectReason) {
        signals(rejectReason).increment();
        if (rejectReason != null) {
            boolean safety = rejectReason.startsWith("mode_") || rejectReason.startsWith("max_d") || rejectReason.equals("breaker_tripped")
                    || rejectReason.equals("stoploss_guard");
            if (safety) {
                LOG.info("{} {}: entry skipped at {}: {}", variant, signal.symbol(), signal.candleTime(), rejectReason);
            } else {
                LOG.debug("{} {}: signal at {} rejected: {}", variant, signal.symbol(), signal.candleTime(), rejectReason);
            }
        }
    }

    @Override
    public void entered(Position position) {
        entries.increment();
        LOG.info("{} {}: entered {} at {} (stop {}, ATR {}) position {}", variant, position.symbol(), round(position.qty()),
                round(position.entryPrice()), round(position.stopPrice()), round(position.atrAtEntry()), position.id());
    }

    @Override
    public void exited(ClosedPosition closed) {
        exits(closed.reason()).increment();
        LOG.info("{} {}: exit {} at {} realized {} USD (position {})", variant, closed.position().symbol(), closed.reason().token(),
                round(closed.exitPrice()), round(closed.realizedPnl()), closed.position().id());
    }

    /** A database write failed and its caller logs why. */
    /** Candles the engine warmed up on, without trading (history at start, a replay's first time steps). */
    public void warmedUp(long candles) {
        warmUpCandles.increment(candles);
    }

    @Override
    public void stopOnFloorWithoutAtr(String symbol, double atr) {
        stopsWithoutAtr.increment();
        LOG.warn("{} {}: no ATR yet ({}): the hard stop goes on its floor (said once per symbol)", variant, symbol,
                Double.isNaN(atr) ? "its hourly candles are still warming up" : "ATR " + atr);
    }

    public void ledgerFailed(String operation) {
        ledgerFailures(operation).increment();
    }

    @Override
    public void ledgerFailed(String operation, RuntimeException error) {
        ledgerFailed(operation);
        LOG.error("{}: database write '{}' failed, kept for the next cycle where it can be: {}", variant, operation, error.getMessage());
    }

    private Counter ledgerFailures(String operation) {
        return Counter.builder("sigil.ledger.failures").description("Database writes that failed (kept and retried where they can be)")
                .tag("variant", variant).tag("operation", operation).register(registry);
    }

    private Counter exits(ExitReason reason) {
        return Counter.builder("sigil.exits").description("Positions closed, by exit reason").tag("variant", variant)
                .tag("reason", reason.token()).register(registry);
    }

    private Counter signals(String rejectReason) {
        return Counter.builder("sigil.signals").description("Entry signals, accepted or rejected with the reason").tag("variant", variant)
                .tag("outcome", rejectReason == null ? "accepted" : "rejected").tag("reason", rejectReason == null ? "none" : rejectReason)
                .register(registry);
    }

    private Counter guardEvents(GuardSource source, GuardEvent.Type type) {
        return Counter.builder("sigil.guard.events").description("Guard machine events, by source (engine: mode changes, HALT) and type")
                .tag("variant", variant).tag("source", source == null ? "engine" : source.token()).tag("type", type.token()).register(registry);
    }

    private Counter badCandles(CandleDefect defect) {
        return Counter.builder("sigil.bad.candles").description("Candles skipped (or, for gap, used after missing ones)")
                .tag("variant", variant).tag("reason", defect.token()).register(registry);
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.6g", value);
    }
}
