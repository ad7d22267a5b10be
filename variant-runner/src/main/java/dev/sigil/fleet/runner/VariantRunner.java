package dev.sigil.fleet.runner;

import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.InvalidConfigException;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.guard.EngineStateKeys;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.risk.RiskState;
import dev.sigil.fleet.core.strategy.EmaCrossStrategy;
import dev.sigil.fleet.io.breaker.BreakerStore;
import dev.sigil.fleet.io.db.SchemaMigrator;
import dev.sigil.fleet.io.db.SchemaVersion;
import dev.sigil.fleet.io.overlay.ConfigJson;
import dev.sigil.fleet.io.overlay.GridOverlays;
import dev.sigil.fleet.runner.loop.HaltBackoff;
import dev.sigil.fleet.runner.loop.Liveness;
import dev.sigil.fleet.runner.loop.ScanLoop;
import dev.sigil.fleet.runner.marketdata.MarketDataFactory;
import dev.sigil.fleet.runner.marketdata.MarketDataSource;
import dev.sigil.fleet.runner.metrics.RunnerMetrics;
import dev.sigil.fleet.runner.store.CycleReads;
import dev.sigil.fleet.runner.store.DatabaseWait;
import dev.sigil.fleet.runner.store.EngineStateStore;
import dev.sigil.fleet.runner.store.HeartbeatStore;
import dev.sigil.fleet.runner.store.InstanceLock;
import dev.sigil.fleet.runner.store.LedgerBinding;
import dev.sigil.fleet.runner.store.PostgresTradeLedger;
import dev.sigil.fleet.runner.store.ProgressStore;
import dev.sigil.fleet.runner.store.ProtectionRow;
import dev.sigil.fleet.runner.store.ReplayTradeLedger;
import dev.sigil.fleet.runner.store.RunnerLedger;
import dev.sigil.fleet.runner.store.RunnerRepositories;
import dev.sigil.fleet.runner.store.SessionStore;
import dev.sigil.fleet.runner.store.WarmUpCandles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One variant's runner: validates its config, waits for its database, refuses a database behind the code's
 * migrations, takes the variant's instance lock, restores the engine from the database (open positions, protections,
 * realized P&L, risk state, the resume point), then runs sessions — each starts in one transaction with closing a
 * session a dead process left open ({@code aborted}), runs the scan loop and always writes its end. A HALT is
 * followed by a session that starts from the database's truth, after a back-off when HALTs repeat.
 */
@Singleton
public final class VariantRunner {

    /** What a variant may be called: the name is joined into file paths and database keys, so it stays plain. */
    public static final java.util.regex.Pattern VARIANT_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private static final Logger LOG = LoggerFactory.getLogger(VariantRunner.class);
    private static final Duration FIRST_HALT_BACKOFF = Duration.ofSeconds(30);
    private static final Duration LONGEST_HALT_BACKOFF = Duration.ofMinutes(10);
    private static final Duration LOCK_WATCH = Duration.ofSeconds(3);

    private final RunnerSettings settings;
    private final DataSource dataSource;
    private final TransactionOperations<Connection> transactions;
    private final RunnerRepositories repositories;
    private final SessionStore sessions;
    private final MarketDataFactory markets;
    private final EngineStateStore engineState;
    private final ProgressStore progress;
    private final MeterRegistry registry;
    private final Liveness liveness = new Liveness();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final RunnerTime time;
    private final Clock clock;
    /** Live: warm-up candles the database did not take while they were fed to the engine; the next ledger records them. */
    private final List<dev.sigil.fleet.core.candle.Candle> unrecordedWarmUp = new ArrayList<>();
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();
    private volatile Long currentSession;
    private volatile RunnerMetrics metrics;
    private String lastOverlayStamp;
    /** Position ids reserved from the identity sequence and not used yet; they outlive a replay's short sessions. */
    private final java.util.Deque<Long> reservedPositionIds = new java.util.ArrayDeque<>();
    /** Session ids reserved likewise, for replay rollovers (dropped when a session starts the ordinary way). */
    private final java.util.Deque<Long> reservedSessionIds = new java.util.ArrayDeque<>();
    private static final int SESSION_ID_BLOCK = 64;
    /**
     * Replay: the ledger of the session that just ended on its duration, its end not written yet — the next session's
     * ledger writes it with its first checkpoint (null: no such session).
     */
    private ReplayTradeLedger endedNotWritten;
    /** The current session's ledger. */
    private RunnerLedger currentLedger;
    private EffectiveConfig configJsonOf;
    private String configJson;
    private String configHash;
    /**
     * Whether the next session start looks for sessions left open: at a process's first start (a dead process may have
     * left one), and after this process failed to write a session's end; not at a plain rollover.
     */
    private boolean lookForOpenSessions = true;

    public VariantRunner(RunnerSettings settings, DataSource dataSource, TransactionOperations<Connection> transactions,
                         RunnerRepositories repositories, SessionStore sessions,
                         MarketDataFactory markets, MeterRegistry registry, EngineStateStore engineState, ProgressStore progress,
                         @io.micronaut.core.annotation.Nullable RunnerTime time) {
        this.settings = settings;
        this.time = time == null ? RunnerTime.SYSTEM : time;
        this.clock = this.time.clock();
        this.dataSource = unwrap(dataSource);
        this.transactions = transactions;
        this.repositories = repositories;
        this.sessions = sessions;
        this.markets = markets;
        this.registry = registry;
        this.engineState = engineState;
        this.progress = progress;
    }

    /** The database is behind the code's migrations. */
    public static final class SchemaBehindException extends RuntimeException {
        SchemaBehindException(String message) {
            super(message);
        }
    }

    /** The runner lost its database (its instance lock, or every checkpoint): it ends so systemd restarts it. */
    public static final class DatabaseLostException extends RuntimeException {
        DatabaseLostException(String message) {
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
     * call it on the scan thread. A HALT ends its session with {@code halt:<reason>} and trips the circuit breaker;
     * the next session starts from the database's truth and observes and manages exits until a person resets the
     * breaker. Every session it started has ended (ended_at written) when it returns, unless the database was
     * unreachable at that moment (logged at ERROR; the next start closes it as aborted).
     *
     * @throws DatabaseLostException the instance lock or the checkpoints were lost mid-run
     */
    public List<SessionSummary> run(Consumer<SessionSummary> onSessionEnd) throws SQLException, InterruptedException {
        EffectiveConfig effective = effectiveConfig();
        SigilConfig config = effective.config();
        String variant = settings.variant();
        metrics = metrics == null ? new RunnerMetrics(registry, variant) : metrics;
        if (!DatabaseWait.await(dataSource, "variant " + variant, Duration.ofSeconds(settings.databaseWaitSeconds()), () -> stopReason.get() != null)) {
            return List.of();
        }
        SchemaMigrator.Status schema;
        try (java.sql.Connection connection = dataSource.getConnection()) {
            schema = SchemaVersion.of(connection);
        }
        if (!schema.current()) {
            throw new SchemaBehindException("the database of variant " + variant + " is at schema version " + schema.currentVersion()
                    + " but this runner needs " + schema.latestVersion() + " (" + schema.pending() + " pending); run: fleet migrate --variant " + variant);
        }
        try (InstanceLock lock = InstanceLock.acquire(dataSource, variant);
             MarketDataSource market = markets.open(settings, config, clock.instant())) {
            lock.watch(LOCK_WATCH, () -> {
                LOG.error("{}: lost the database connection that held the runner lock (database restarted or unreachable); ending the session",
                        variant);
                requestStop(ScanLoop.LOCK_LOST);
            });
            Instant resumeAfter = resumePoint(variant, market);
            ScanEngine engine = restoredEngine(config, variant, resumeAfter);
            followShadows(engine, config);
            metrics.watch(engine);
            if (settings.resumeAfterHalt() && market.live()) {
                throw new IllegalArgumentException("--resume-after-halt is for replays (backtests): a live runner's circuit breaker is reset by a person");
            }
            if (market.live()) {
                warmUp(engine, market, config.warmupCandles());
            } else if (resumeAfter == null) {
                warmUpReplay(engine, market, config.warmupCandles());
            }
            if (settings.resumeAfterHalt() && resumeAfter != null) {
                // a backtest resumed after a crash: a HALT its dead process made is reset as the next session would have
                resumeTrading(variant, resumeAfter);
            }
            HaltBackoff backoff = new HaltBackoff(FIRST_HALT_BACKOFF, LONGEST_HALT_BACKOFF);
            List<SessionSummary> summaries = new ArrayList<>();
            Instant completedThrough = resumeAfter;
            overlayProblem("");
            lastOverlayStamp = overlayStamp();
            ScanLoop previous = null;
            while (true) {
                if (!summaries.isEmpty()) {
                    EffectiveConfig next = nextSessionConfig(effective);
                    if (next != effective) {
                        engine = reconfigured(engine, next.config(), market);
                        effective = next;
                        followShadows(engine, effective.config());
                    } else if (market.live()) {
                        followShadows(engine, effective.config());
                    }
                }
                Instant started = clock.instant();
                ScanLoop loop = newLoop(effective, lock, market, engine, resumeAfter, completedThrough).continuing(market.live() ? null : previous);
                SessionSummary summary = runSession(effective, market, engine, loop);
                completedThrough = loop.completedThrough();
                summaries.add(summary);
                onSessionEnd.accept(summary);
                resumeAfter = null;
                if (ScanLoop.LOCK_LOST.equals(summary.endReason()) || ScanLoop.LOCK_LOST.equals(stopReason.get())) {
                    settleEndedSession(engine, completedThrough);
                    throw new DatabaseLostException("variant " + variant + " lost the database connection that held its instance lock");
                }
                boolean halted = summary.endReason().startsWith(ScanLoop.HALT_PREFIX);
                // replay rolls over on the candles' clock until the data ends; live, --after-session decides
                boolean rollover = ScanLoop.DURATION_ELAPSED.equals(summary.endReason()) && (!market.live() || "restart".equals(settings.afterSession()));
                if ((!halted && !rollover) || stopReason.get() != null) {
                    // a stop asked for while the session ended: its end was left to the next session, which will not come
                    settleEndedSession(engine, completedThrough);
                    return summaries;
                }
                Duration wait = backoff.after(halted, Duration.between(started, clock.instant()));
                boolean reset = settings.resumeAfterHalt() && resumeTrading(variant, loop.marketEnd());
                previous = halted || reset ? null : loop;
                if (halted) {
                    resync(engine, variant);
                    if (backoff.streak() > 1) {
                        LOG.warn("{}: HALT again ({}), {} in a row; {}", variant, summary.endReason(), backoff.streak(),
                                market.live() ? "the next session starts in " + wait.toSeconds() + " s" : "replay: the next session starts at once");
                        if (market.live() && time.sleepUntil(clock.instant().plus(wait), () -> stopReason.get() != null)) {
                            return summaries;
                        }
                    }
                }
            }
        } finally {
            liveness.finished();
        }
    }

    /**
     * The config of the next session: base + overlay + --set as they are now on disk. An invalid overlay, or one that
     * changes the market section (which needs a restart), keeps the running config: logged, counted in
     * {@code sigil_overlay_refused} and recorded in engine_state ({@code config.overlay_problem}) for fleet status.
     */
    private EffectiveConfig nextSessionConfig(EffectiveConfig current) {
        String variant = settings.variant();
        String stamp = overlayStamp();
        if (stamp.equals(lastOverlayStamp)) {
            // the files have not changed since the last session start: nothing to read again (replay sessions are short)
            return current;
        }
        lastOverlayStamp = stamp;
        EffectiveConfig next;
        try {
            next = effectiveConfig();
        } catch (InvalidConfigException | IllegalArgumentException e) {
            LOG.error("{}: the overlay is invalid; the next session keeps the config it ran with — {}", variant, e.getMessage());
            overlayProblem("overlay invalid: " + e.getMessage().replaceAll("\\s*\\n\\s*", " "));
            return current;
        }
        if (!next.config().market().equals(current.config().market())) {
            String problem = "the overlay changes the market section " + current.diff(next).keySet().stream().filter(key -> key.startsWith("market."))
                    .toList() + ": the universe and the interval change only at a restart (systemctl restart sigil-runner@" + variant + ")";
            LOG.warn("{}: {}; the next session keeps the config it ran with", variant, problem);
            overlayProblem(problem);
            return current;
        }
        overlayProblem("");
        if (ConfigJson.hash(ConfigJson.json(next)).equals(ConfigJson.hash(ConfigJson.json(current)))) {
            return current;
        }
        LOG.info("{}: the overlay changed; the next session runs with {}", variant, current.diff(next));
        return next;
    }

    /**
     * A backtest run with --resume-after-halt resets, at each next session, a breaker the runner tripped (a HALT or a
     * risk limit), audited as done by {@code backtest}: the experiment covers all its data and still counts its trips.
     */
    private boolean resumeTrading(String variant, Instant marketTime) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            BreakerStore.Status breaker = BreakerStore.status(connection, variant);
            if (breaker.tripped() && List.of("runner", "risk_manager").contains(breaker.trippedBy())
                    && BreakerStore.reset(connection, variant, "resume after " + breaker.reason() + " (backtest --resume-after-halt)", "backtest", marketTime)) {
                LOG.info("{}: circuit breaker ({}) reset by the backtest at {}; the replay trades on", variant, breaker.reason(), marketTime);
                return true;
            }
            return false;
        }
    }

    /** The overlay files' sizes and modification times: what changes when a person edits or applies an overlay. */
    private String overlayStamp() {
        StringBuilder stamp = new StringBuilder();
        for (java.nio.file.Path file : List.of(settings.overlays().resolve(GridOverlays.BASE), settings.overlayFile())) {
            try {
                stamp.append(file).append(java.nio.file.Files.getLastModifiedTime(file).toMillis()).append(':').append(java.nio.file.Files.size(file)).append(';');
            } catch (java.io.IOException e) {
                stamp.append(file).append(" unreadable;");
            }
        }
        return stamp.toString();
    }

    /** The engine under the next session's config; indicators that cannot carry over warm up again where they can. */
    private ScanEngine reconfigured(ScanEngine engine, SigilConfig next, MarketDataSource market) {
        ScanEngine reconfigured = engine.reconfigured(next, EmaCrossStrategy.of(next.strategy()));
        if (!engine.indicatorsCarriedOver(next)) {
            if (market.live()) {
                warmUp(reconfigured, market, next.warmupCandles());
            } else {
                LOG.warn("{}: the strategy or the stop's ATR interval changed: indicators start again from the next candle", settings.variant());
            }
        }
        metrics.watch(reconfigured);
        return reconfigured;
    }

    /**
     * History, oldest first, one time step at a time: indicators, strategies and the guards' windows. Its candles are
     * recorded as they come; any the database did not take wait for the session's ledger.
     */
    private void warmUp(ScanEngine engine, MarketDataSource market, int perSymbol) {
        WarmUpCandles recorder = new WarmUpCandles(transactions, settings.variant());
        long started = System.nanoTime();
        market.history(clock.instant(), perSymbol, step -> {
            engine.warmUpTick(step);
            recorder.add(step);
        });
        unrecordedWarmUp.addAll(recorder.finish());
        LOG.info("{}: warmed up on {} in {} s", settings.variant(), recorder.describe(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
    }

    /**
     * A replay's first time steps, as many as the indicators need ({@link SigilConfig#warmupCandles}: 16 hours of minute
     * candles for ATR(14) on 1h), warm the indicators and the guards' windows up without trading — as a live runner
     * warms up on its history — so an entry's stop rarely goes on the floor for want of an ATR (G1). A replay resumed
     * after a crash warms up on everything before its resume point instead.
     */
    private void warmUpReplay(ScanEngine engine, MarketDataSource market, int steps) {
        int candles = 0;
        int done = 0;
        Instant last = null;
        while (done < steps) {
            MarketDataSource.Batch batch = market.next(clock.instant());
            metrics.malformed(batch.malformed());
            if (batch.exhausted()) {
                break;
            }
            engine.warmUpTick(batch.candles());
            candles += batch.candles().size();
            last = batch.marketTime();
            done++;
        }
        metrics.warmedUp(candles);
        LOG.info("{}: warmed up on the replay's first {} candles over {} time steps{} (indicators and guard windows, no trading)",
                settings.variant(), candles, done, last == null ? "" : ", to " + last);
    }

    private void overlayProblem(String problem) {
        metrics.overlayRefused(!problem.isEmpty());
        try {
            engineState.write(Map.of(EngineStateKeys.OVERLAY_PROBLEM, problem), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("{}: engine_state not written ({}): {}", settings.variant(), EngineStateKeys.OVERLAY_PROBLEM, DatabaseWait.describe(e));
        }
    }

    /** The resume point for this kind of market data, if the variant has one. */
    private Instant resumePoint(String variant, MarketDataSource market) {
        Optional<ProgressStore.Progress> stored = progress.read(variant);
        if (stored.isEmpty()) {
            return null;
        }
        if (!stored.get().marketData().equals(market.kind())) {
            LOG.info("{}: the last run read {} market data; this {} run starts at its beginning", variant, stored.get().marketData(), market.kind());
            return null;
        }
        LOG.info("{}: resuming after {} (the newest candle of the last durable tick)", variant, stored.get().resumeAfter());
        return stored.get().resumeAfter();
    }

    /** The engine with what the database remembers: open positions, protections, realized P&L, risk state. */
    private ScanEngine restoredEngine(SigilConfig config, String variant, Instant resumeAfter) throws SQLException {
        ScanEngine engine = new ScanEngine(config, EmaCrossStrategy.of(config.strategy()), null, metrics, repositories.positions().realizedPnlExact(variant));
        engine.restore(openPositions(variant), protections());
        engine.restoreShadows(openShadows(variant));
        var lastDay = engineState.lastExitDay(variant);
        engine.restoreRisk(RiskState.fromEngineState(engineState.readAll()), lastDay.map(Map.Entry::getKey).orElse(null),
                lastDay.map(Map.Entry::getValue).orElse(0.0), engineState.recentHardStopLosses(variant, config.risk().stoplossGuardLookbackMinutes()));
        engine.resumeAfter(resumeAfter);
        if (!engine.openPositions().isEmpty()) {
            LOG.info("{}: restored {} open position(s) from the database: {}", variant, engine.openPositions().size(),
                    engine.openPositions().stream().map(p -> p.symbol() + "#" + p.id()).toList());
        }
        try (Connection connection = dataSource.getConnection()) {
            long latestReset = BreakerStore.view(connection, variant).latestReset();
            if (engine.acknowledgeBreakerReset(latestReset)) {
                LOG.warn("{}: a person reset the circuit breaker while the runner was down (event {}); risk limits re-based on the account as it stands",
                        variant, latestReset);
            }
        }
        return engine;
    }

    /** After a HALT: the engine's ledger memory becomes what the database holds. */
    private void resync(ScanEngine engine, String variant) {
        engine.resync(openPositions(variant), openShadows(variant), protections(), repositories.positions().realizedPnlExact(variant));
        LOG.info("{}: the engine's positions and P&L were re-read from the database for the next session ({} open)", variant,
                engine.openPositions().size());
    }

    private List<Position> openPositions(String variant) {
        return repositories.positions().findOpen(variant).stream().map(row -> row.toPosition()).toList();
    }

    /** The open shadow exits, whose positions may have closed already. */
    private List<dev.sigil.fleet.core.shadow.ShadowPosition> openShadows(String variant) {
        try (Connection connection = dataSource.getConnection()) {
            return dev.sigil.fleet.runner.store.ShadowSql.open(connection, variant);
        } catch (SQLException e) {
            throw new DataAccessException("the open shadow exits could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The exit configurations the session's entries are shadowed under (research.shadow_exits; 'grid' reads the other
     * overlays' values of the grid key), logged when they change.
     */
    private void followShadows(ScanEngine engine, SigilConfig config) {
        List<dev.sigil.fleet.core.shadow.ShadowExit> shadows = new GridOverlays(settings.overlays()).shadowExits(config);
        if (!shadows.equals(engine.shadowExits())) {
            LOG.info("{}: every entry is also followed under {} (shadow exits, never traded)", settings.variant(),
                    shadows.isEmpty() ? "no other exit configuration" : shadows.stream().map(dev.sigil.fleet.core.shadow.ShadowExit::label).toList());
        }
        engine.followShadows(shadows);
    }

    private Map<String, Instant> protections() {
        return repositories.protections().findAll().stream().collect(Collectors.toMap(ProtectionRow::symbol, ProtectionRow::until));
    }

    /** A session's loop: its row started (closing one a dead process left open), its ledger bound to it. */
    private ScanLoop newLoop(EffectiveConfig effective, InstanceLock lock, MarketDataSource market, ScanEngine engine, Instant resumeAfter,
                             Instant completedThrough) {
        SigilConfig config = effective.config();
        String variant = settings.variant();
        Instant started = clock.instant();
        int durationSeconds = durationSeconds(config);
        if (effective != configJsonOf) {
            configJsonOf = effective;
            configJson = ConfigJson.json(effective);
            configHash = ConfigJson.hash(configJson);
        }
        ReplayTradeLedger predecessor = endedNotWritten;
        endedNotWritten = null;
        long sessionId;
        SessionStore.Deferred deferred = null;
        java.util.Optional<dev.sigil.fleet.core.engine.Continuation> continued = java.util.Optional.empty();
        Map<String, String> lastCheckpoint = Map.of();
        if (predecessor != null) {
            // a replay rollover: this session's row goes in with the next checkpoint, after the end of the one before
            if (reservedSessionIds.isEmpty()) {
                reservedSessionIds.addAll(sessions.reserveIds(SESSION_ID_BLOCK));
            }
            sessionId = reservedSessionIds.removeFirst();
            deferred = new SessionStore.Deferred(sessionId, variant, started, durationSeconds, configHash, configJson, market.kind(), host, pid);
        } else {
            SessionStore.Started session = sessions.start(variant, started, durationSeconds, configHash, configJson, market.kind(), host, pid,
                    lookForOpenSessions);
            lookForOpenSessions = false;
            // the sequence has moved past the ids kept back: using them now would number sessions out of time order
            reservedSessionIds.clear();
            session.aborted().forEach(aborted -> LOG.warn("{}: session {} (started {}) was left open by a process that died; closed as aborted at its last heartbeat {}",
                    variant, aborted.id(), aborted.startedAt(), aborted.endedAt()));
            sessionId = session.id();
            if (!session.aborted().isEmpty()) {
                // a crash is not a session boundary: the new row goes on with the dead session's span, ticks and guards
                lastCheckpoint = engineState.readAll();
                continued = dev.sigil.fleet.core.engine.Continuation.of(
                        session.aborted().stream().map(SessionStore.Aborted::id).collect(Collectors.toSet()), lastCheckpoint);
            }
        }
        currentSession = sessionId;
        LOG.info("{}: session {} started on {} (config {}, limit {} s{})", variant, sessionId, market.description(),
                configHash.substring(0, 12), durationSeconds, market.live() ? "" : " of the candles' clock");
        LedgerBinding binding = new LedgerBinding(variant, sessionId, engine.strategyName(), market.kind());
        RunnerLedger ledger = market.live() ? new PostgresTradeLedger(transactions, repositories, progress, engineState, binding)
                : new ReplayTradeLedger(transactions, progress, engineState, binding, reservedPositionIds, deferred, predecessor);
        currentLedger = ledger;
        ledger.candles(unrecordedWarmUp);
        unrecordedWarmUp.clear();
        if (continued.isPresent()) {
            engine.continueSession(ledger, lastCheckpoint);
            LOG.info("{}: session {} continues session {} that a crash interrupted: its span from {}, its {} ticks and its guards ({}) "
                    + "as its last checkpoint left them", variant, sessionId, continued.get().sessionId(), continued.get().spanStart(),
                    continued.get().lastTick(), engine.safety().guards().mode());
        } else {
            engine.startSession(ledger);
        }
        return new ScanLoop(variant, engine, market, outside(variant, sessionId, lock), ledger, metrics, clock, time::sleepUntil,
                liveness, new ScanLoop.Settings(Duration.ofSeconds(config.scanner().scanIntervalSeconds()), started,
                Duration.ofSeconds(durationSeconds), settings.replayTicksPerSecond(),
                Duration.ofMillis(Math.round(settings.replayHeartbeatSeconds() * 1000)), sessionId, continued.orElse(null)),
                resumeAfter, completedThrough);
    }

    private int durationSeconds(SigilConfig config) {
        return settings.durationSeconds() != null ? settings.durationSeconds() : config.scanner().sessionDurationSeconds();
    }

    private SessionSummary runSession(EffectiveConfig effective, MarketDataSource market, ScanEngine engine, ScanLoop loop)
            throws InterruptedException {
        long sessionId = currentSession;
        String endReason = "failed";
        try {
            endReason = loop.run(() -> stopReason.get() != null);
            if (ScanLoop.SIGNAL_TERM.equals(endReason) && stopReason.get() != null) {
                endReason = stopReason.get();
            }
        } catch (ScanLoop.CheckpointFailedException e) {
            endReason = ScanLoop.LOCK_LOST;
            LOG.error("{}: {}; ending the process so systemd restarts it", settings.variant(), e.getMessage());
        } finally {
            if (ScanLoop.DURATION_ELAPSED.equals(endReason) && !market.live() && stopReason.get() == null
                    && currentLedger instanceof ReplayTradeLedger replay && replay.mayEndLater()) {
                // a plain replay rollover: the next session's first checkpoint writes this one's end with its writes
                replay.endLater(new SessionStore.End(clock.instant(), endReason, loop.marketStart(), loop.marketEnd()));
                endedNotWritten = replay;
                currentSession = null;
                LOG.info("{}: session {} ended ({})", settings.variant(), sessionId, endReason);
            } else {
                loop.finish();
                endSession(sessionId, endReason, loop.marketStart(), loop.marketEnd());
            }
        }
        return new SessionSummary(sessionId, endReason, loop.ticks(), engine.equity(), engine.realizedPnl(), engine.openPositions().size(),
                loop.cycleTimes().describe());
    }

    /**
     * Writes the end of a replay session whose end was left to the next session, when no next session comes (a stop,
     * a lost lock): one checkpoint of its ledger, retried briefly like {@link #endSession}. On failure the ticks it
     * would have made durable are replayed by the next start, which closes a session left open as aborted.
     */
    private void settleEndedSession(ScanEngine engine, Instant completedThrough) {
        ReplayTradeLedger ended = endedNotWritten;
        endedNotWritten = null;
        if (ended == null) {
            return;
        }
        if (!retried(() -> ended.checkpoint(new RunnerLedger.Checkpoint(completedThrough, engine.engineState(), clock.instant())),
                () -> "could not write the end of the last session and its " + ended.pendingWrites() + " write(s)")) {
            LOG.error("{}: the last session's end is not written; the next start replays its ticks and closes what is left open", settings.variant());
            lookForOpenSessions = true;
        }
    }

    /**
     * Runs a write up to three times, half a second more apart each time, logging each failure at ERROR ({@code what}
     * failed: why); false if it never succeeded (or the thread was interrupted while waiting).
     */
    private boolean retried(Runnable write, java.util.function.Supplier<String> what) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                write.run();
                return true;
            } catch (RuntimeException e) {
                LOG.error("{}: {}, attempt {}/3: {}", settings.variant(), what.get(), attempt, DatabaseWait.describe(e));
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** Writes the session's end, retrying briefly; a failure is logged at ERROR, never swallowed silently. */
    public boolean endSession(long sessionId, String reason) {
        return endSession(sessionId, reason, null, null);
    }

    private boolean endSession(long sessionId, String reason, Instant marketStart, Instant marketEnd) {
        if (retried(() -> sessions.end(sessionId, clock.instant(), reason, marketStart, marketEnd),
                () -> "could not write the end of session " + sessionId + " (" + reason + ")")) {
            LOG.info("{}: session {} ended ({})", settings.variant(), sessionId, reason);
            currentSession = null;
            return true;
        }
        LOG.error("{}: session {} is left open; the next start closes it as aborted", settings.variant(), sessionId);
        lookForOpenSessions = true;
        return false;
    }

    /** The session being run, if any (for a shutdown that has to abandon the loop). */
    public Long currentSession() {
        return currentSession;
    }

    private ScanLoop.Outside outside(String variant, long sessionId, InstanceLock lock) {
        return new ScanLoop.Outside() {
            @Override
            public boolean scanStarted(Instant at) {
                return onLock(lock, connection -> HeartbeatStore.scanStarted(connection, variant, sessionId, at, host, pid));
            }

            @Override
            public void scanEnded(Instant at, Instant newestCandle, int candles) {
                if (!onLock(lock, connection -> HeartbeatStore.scanEnded(connection, variant, at, newestCandle, candles))) {
                    throw new DataAccessException("the connection holding the runner lock is gone");
                }
            }

            @Override
            public CycleReads reads(boolean ledgerTruth) {
                try (Connection connection = dataSource.getConnection()) {
                    return CycleReads.read(connection, variant, ledgerTruth);
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("{}: circuit breaker{} unreadable ({}); no entries this cycle", variant,
                            ledgerTruth ? " and ledger" : "", DatabaseWait.describe(e));
                    return CycleReads.UNREADABLE;
                }
            }
        };
    }

    /** {@link InstanceLock#whileHeld}, a database error thrown unchecked (the loop logs a heartbeat not written). */
    private static boolean onLock(InstanceLock lock, InstanceLock.Work work) {
        try {
            return lock.whileHeld(work);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
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
