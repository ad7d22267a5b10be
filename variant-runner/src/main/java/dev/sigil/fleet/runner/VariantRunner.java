package dev.sigil.fleet.runner;

import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.strategy.EmaCrossStrategy;
import dev.sigil.fleet.core.strategy.Strategy;
import dev.sigil.fleet.io.breaker.BreakerStore;
import dev.sigil.fleet.io.db.SchemaMigrator;
import dev.sigil.fleet.io.overlay.ConfigJson;
import dev.sigil.fleet.io.overlay.GridOverlays;
import dev.sigil.fleet.runner.loop.Liveness;
import dev.sigil.fleet.runner.loop.ScanLoop;
import dev.sigil.fleet.runner.marketdata.MarketDataFactory;
import dev.sigil.fleet.runner.marketdata.MarketDataSource;
import dev.sigil.fleet.runner.metrics.RunnerMetrics;
import dev.sigil.fleet.core.guard.EngineStateKeys;
import dev.sigil.fleet.core.guard.LedgerTruth;
import dev.sigil.fleet.runner.store.EngineStateStore;
import dev.sigil.fleet.runner.store.HeartbeatStore;
import dev.sigil.fleet.runner.store.InstanceLock;
import dev.sigil.fleet.runner.store.PostgresTradeLedger;
import dev.sigil.fleet.runner.store.ProtectionRow;
import dev.sigil.fleet.runner.store.RunnerRepositories;
import dev.sigil.fleet.runner.store.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One variant's runner: validates its config, refuses a database behind the code's migrations, takes the
 * variant's instance lock, closes sessions a dead process left open ({@code aborted}), then runs sessions — each
 * restores open positions and protections from the database, runs the scan loop and always writes its end.
 */
@Singleton
public final class VariantRunner {

    private static final Logger LOG = LoggerFactory.getLogger(VariantRunner.class);

    private final RunnerSettings settings;
    private final DataSource dataSource;
    private final TransactionOperations<Connection> transactions;
    private final RunnerRepositories repositories;
    private final SessionStore sessions;
    private final HeartbeatStore heartbeats;
    private final MarketDataFactory markets;
    private final EngineStateStore engineState;
    private final MeterRegistry registry;
    private final Liveness liveness = new Liveness();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final Clock clock = Clock.systemUTC();
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();
    private volatile Long currentSession;
    private volatile RunnerMetrics metrics;

    public VariantRunner(RunnerSettings settings, DataSource dataSource, TransactionOperations<Connection> transactions,
                         RunnerRepositories repositories, SessionStore sessions, HeartbeatStore heartbeats,
                         MarketDataFactory markets, MeterRegistry registry, EngineStateStore engineState) {
        this.settings = settings;
        this.dataSource = unwrap(dataSource);
        this.transactions = transactions;
        this.repositories = repositories;
        this.sessions = sessions;
        this.heartbeats = heartbeats;
        this.markets = markets;
        this.registry = registry;
        this.engineState = engineState;
    }

    /** The database is behind the code's migrations. */
    public static final class SchemaBehindException extends RuntimeException {
        SchemaBehindException(String message) {
            super(message);
        }
    }

    public Liveness liveness() {
        return liveness;
    }

    /** Asks the loop to end the session at the next opportunity (between cycles or while waiting). */
    public void requestStop(String reason) {
        stopReason.compareAndSet(null, reason);
    }

    public String variant() {
        return settings.variant();
    }

    /** The effective config: base + overlay + --set pairs, validated (throws with every problem). */
    public EffectiveConfig effectiveConfig() {
        if (settings.variant() == null || settings.variant().isBlank()) {
            throw new IllegalArgumentException("no variant given (--variant NAME or SIGIL_RUNNER_VARIANT)");
        }
        return new GridOverlays(settings.overlays()).resolve(settings.overlayFile(), settings.setPairs());
    }

    /**
     * Runs sessions until stopped, the data is exhausted, or (with after-session=exit) one session ends. Blocks;
     * call it on the scan thread. A HALT ends its session with {@code halt:<reason>}, trips the circuit breaker and
     * starts the next session at once: the tripped breaker lets it observe and manage exits, but not enter, until a
     * person resets it. Every session it started has ended (ended_at written) when it returns, unless the database
     * was unreachable at that moment (logged at ERROR; the next start closes it as aborted).
     */
    public List<SessionSummary> run(Consumer<SessionSummary> onSessionEnd) throws SQLException, InterruptedException {
        EffectiveConfig effective = effectiveConfig();
        SigilConfig config = effective.config();
        String variant = settings.variant();
        SchemaMigrator.Status schema = new SchemaMigrator(dataSource).status();
        if (!schema.current()) {
            throw new SchemaBehindException("the database of variant " + variant + " is at schema version " + schema.currentVersion()
                    + " but this runner needs " + schema.latestVersion() + " (" + schema.pending() + " pending); run: fleet migrate --variant " + variant);
        }
        try (InstanceLock lock = InstanceLock.acquire(dataSource, variant);
             MarketDataSource market = markets.open(settings, config, clock.instant())) {
            List<SessionStore.Aborted> aborted = sessions.closeAborted(variant);
            aborted.forEach(session -> LOG.warn("{}: session {} (started {}) was left open by a process that died; closed as aborted at its last heartbeat {}",
                    variant, session.id(), session.startedAt(), session.endedAt()));
            Instant resumeAfter = aborted.isEmpty() ? null : heartbeats.newestCandle(variant).orElse(null);
            metrics = metrics == null ? new RunnerMetrics(registry, variant) : metrics;
            ScanEngine engine = restoredEngine(config, variant);
            metrics.watch(engine);
            if (market.live()) {
                market.history(clock.instant(), config.scanner().warmupCandles()).forEach(engine::warmUp);
            }
            List<SessionSummary> summaries = new java.util.ArrayList<>();
            while (true) {
                SessionSummary summary = runSession(effective, lock, market, engine, resumeAfter);
                summaries.add(summary);
                onSessionEnd.accept(summary);
                resumeAfter = null;
                boolean halted = summary.endReason().startsWith(ScanLoop.HALT_PREFIX);
                boolean rollover = ScanLoop.DURATION_ELAPSED.equals(summary.endReason()) && "restart".equals(settings.afterSession());
                if ((!halted && !rollover) || stopReason.get() != null) {
                    return summaries;
                }
            }
        } finally {
            liveness.finished();
        }
    }

    /** The engine with what the database remembers: open positions, protections, realized P&L, risk state. */
    private ScanEngine restoredEngine(SigilConfig config, String variant) {
        Strategy strategy = EmaCrossStrategy.of(config.strategy());
        ScanEngine engine = new ScanEngine(config, strategy, null, metrics, repositories.positions().realizedPnl(variant));
        engine.restore(repositories.positions().findOpen(variant).stream().map(row -> row.toPosition()).toList(),
                repositories.protections().findAll().stream().collect(Collectors.toMap(ProtectionRow::symbol, ProtectionRow::until)));
        double peak = engineState.read(EngineStateKeys.RISK_PEAK_EQUITY).filter(value -> !value.isEmpty()).map(Double::parseDouble).orElse(Double.NaN);
        var lastDay = engineState.lastExitDay(variant);
        engine.restoreRisk(peak, lastDay.map(Map.Entry::getKey).orElse(null), lastDay.map(Map.Entry::getValue).orElse(0.0));
        if (!engine.openPositions().isEmpty()) {
            LOG.info("{}: restored {} open position(s) from the database: {}", variant, engine.openPositions().size(),
                    engine.openPositions().stream().map(p -> p.symbol() + "#" + p.id()).toList());
        }
        return engine;
    }

    private SessionSummary runSession(EffectiveConfig effective, InstanceLock lock, MarketDataSource market, ScanEngine engine,
                                      Instant resumeAfter) throws InterruptedException {
        SigilConfig config = effective.config();
        String variant = settings.variant();
        Instant started = clock.instant();
        int durationSeconds = settings.durationSeconds() != null ? settings.durationSeconds() : config.scanner().sessionDurationSeconds();
        String json = ConfigJson.json(effective);
        long sessionId = sessions.start(variant, started, durationSeconds, ConfigJson.hash(json), json, market.kind(), host, pid);
        currentSession = sessionId;
        LOG.info("{}: session {} started on {} (config {}, limit {} s)", variant, sessionId, market.description(),
                ConfigJson.hash(json).substring(0, 12), durationSeconds);
        PostgresTradeLedger ledger = new PostgresTradeLedger(transactions, repositories, variant, sessionId, engine.strategyName(), !market.live());
        engine.startSession(ledger);
        String endReason = "failed";
        ScanLoop loop = null;
        try {
            engineState.write(engine.engineState(), started);
            loop = new ScanLoop(variant, engine, market, outside(variant, sessionId, lock, ledger), metrics, clock, VariantRunner::sleepUntil,
                    liveness, new ScanLoop.Settings(Duration.ofSeconds(config.scanner().scanIntervalSeconds()), started,
                    Duration.ofSeconds(durationSeconds), settings.replayTicksPerSecond(),
                    Duration.ofMillis(Math.round(settings.replayHeartbeatSeconds() * 1000))), resumeAfter);
            endReason = loop.run(() -> stopReason.get() != null);
            if (ScanLoop.SIGNAL_TERM.equals(endReason) && stopReason.get() != null) {
                endReason = stopReason.get();
            }
            if (endReason.startsWith(ScanLoop.HALT_PREFIX)) {
                String reason = endReason.substring(ScanLoop.HALT_PREFIX.length());
                LOG.error("{}: HALT ({}): ending session {}, tripping the circuit breaker; the next session observes and manages exits only",
                        variant, reason, sessionId);
                tripBreaker(variant, reason, "runner");
            }
        } finally {
            try {
                ledger.checkpoint();
                engineState.write(engine.engineState(), clock.instant());
            } catch (RuntimeException e) {
                LOG.error("{}: state of session {} could not be written at its end: {}", variant, sessionId, e.getMessage());
            }
            endSession(sessionId, endReason);
        }
        return new SessionSummary(sessionId, endReason, loop.ticks(), engine.equity(), engine.realizedPnl(), engine.openPositions().size());
    }

    private void tripBreaker(String variant, String reason, String actor) {
        try (Connection connection = dataSource.getConnection()) {
            BreakerStore.trip(connection, variant, reason, actor);
        } catch (SQLException | RuntimeException e) {
            LOG.error("{}: could not trip the circuit breaker ({}): {}", variant, reason, e.getMessage());
        }
    }

    /** Writes the session's end, retrying briefly; a failure is logged at ERROR, never swallowed silently. */
    public boolean endSession(long sessionId, String reason) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                sessions.end(sessionId, clock.instant(), reason);
                LOG.info("{}: session {} ended ({})", settings.variant(), sessionId, reason);
                currentSession = null;
                return true;
            } catch (RuntimeException e) {
                LOG.error("{}: could not write the end of session {} ({}), attempt {}/3: {}", settings.variant(), sessionId, reason, attempt, e.getMessage());
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.error("{}: session {} is left open; the next start closes it as aborted", settings.variant(), sessionId);
        return false;
    }

    /** The session being run, if any (for a shutdown that has to abandon the loop). */
    public Long currentSession() {
        return currentSession;
    }

    private ScanLoop.Outside outside(String variant, long sessionId, InstanceLock lock, PostgresTradeLedger ledger) {
        return new ScanLoop.Outside() {
            @Override
            public void scanStarted(Instant at) {
                heartbeats.scanStarted(variant, sessionId, at, host, pid);
            }

            @Override
            public void scanEnded(Instant at, Instant newestCandle, int candles) {
                ledger.checkpoint();
                heartbeats.scanEnded(variant, at, newestCandle, candles);
            }

            @Override
            public Boolean breakerTripped() {
                try (Connection connection = dataSource.getConnection()) {
                    return BreakerStore.tripped(connection, variant);
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("{}: circuit breaker unreadable ({}); no entries this cycle", variant, e.getMessage());
                    return null;
                }
            }

            @Override
            public LedgerTruth ledgerTruth() {
                try {
                    return new LedgerTruth(repositories.positions().realizedPnl(variant), repositories.positions().findOpen(variant).stream()
                            .map(row -> new LedgerTruth.OpenPosition(row.id(), row.symbol(), row.qty(), row.entryPrice(), row.entryFee())).toList());
                } catch (RuntimeException e) {
                    LOG.warn("{}: ledger unreadable for the truth check: {}", variant, e.getMessage());
                    return null;
                }
            }

            @Override
            public void tripBreaker(String reason, String actor) {
                VariantRunner.this.tripBreaker(variant, reason, actor);
            }

            @Override
            public void engineState(Map<String, String> state, Instant at) {
                try {
                    engineState.write(state, at);
                } catch (RuntimeException e) {
                    LOG.error("{}: engine_state not written: {}", variant, e.getMessage());
                }
            }

            @Override
            public boolean stillSoleRunner() {
                return lock.held();
            }
        };
    }

    static boolean sleepUntil(Instant until, java.util.function.BooleanSupplier stop) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            long millis = Duration.between(Instant.now(), until).toMillis();
            if (millis <= 0) {
                return false;
            }
            Thread.sleep(Math.min(millis, 200));
        }
        return true;
    }

    private static DataSource unwrap(DataSource dataSource) {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
