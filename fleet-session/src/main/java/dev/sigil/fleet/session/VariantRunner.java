package dev.sigil.fleet.session;

import dev.sigil.fleet.config.overlay.ConfigJson;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.core.session.HaltBackoff;
import dev.sigil.fleet.core.session.SessionRules;
import dev.sigil.fleet.core.strategy.EmaCrossStrategy;
import dev.sigil.fleet.db.DatabaseWait;
import dev.sigil.fleet.db.InstanceLock;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.db.SchemaVersion;
import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.engine.ProgressStore;
import dev.sigil.fleet.db.ledger.LedgerBinding;
import dev.sigil.fleet.db.ledger.PostgresTradeLedger;
import dev.sigil.fleet.db.ledger.ReplayTradeLedger;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import dev.sigil.fleet.db.ledger.RunnerRepositories;
import dev.sigil.fleet.db.session.SessionStore;
import dev.sigil.fleet.market.MarketDataSource;
import dev.sigil.fleet.session.loop.Checkpoints;
import dev.sigil.fleet.session.loop.Liveness;
import dev.sigil.fleet.session.loop.ScanLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One variant's runner: validates its config, waits for its database, refuses a database behind the code's
 * migrations, takes the variant's instance lock, restores the engine from the database ({@link EngineRestore}), then
 * runs sessions — each starts in one transaction with closing a session a dead process left open ({@link SessionRows}),
 * runs the scan loop and always writes its end. What follows a session is {@link SessionRules}'s decision: a rollover
 * (with the overlay as it is now, if {@link OverlayWatch} accepts it), a session after a HALT from the database's
 * truth (after a back-off when HALTs repeat), or the end.
 */
@Singleton
public final class VariantRunner {

    /** What a variant may be called: the name is joined into file paths and database keys, so it stays plain. */
    public static final Pattern VARIANT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private static final Logger LOG = LoggerFactory.getLogger(VariantRunner.class);
    private static final Duration FIRST_HALT_BACKOFF = Duration.ofSeconds(30);
    private static final Duration LONGEST_HALT_BACKOFF = Duration.ofMinutes(10);
    private static final Duration LOCK_WATCH = Duration.ofSeconds(3);

    private final RunnerSettings settings;
    private final DataSource dataSource;
    private final TransactionOperations<Connection> transactions;
    private final RunnerRepositories repositories;
    private final MarketDataFactory markets;
    private final EngineStateStore engineState;
    private final ProgressStore progress;
    private final MeterRegistry registry;
    private final Liveness liveness = new Liveness();
    private final AtomicReference<EndReason> stopReason = new AtomicReference<>();
    private final RunnerTime time;
    private final Clock clock;
    private final String host = hostName();
    private final long pid = ProcessHandle.current().pid();
    private final OverlayWatch overlays;
    private final EngineRestore restore;
    private final SessionRows rows;
    private final WarmUps warmUps;
    private final BacktestResume backtestResume;
    private volatile RunnerMetrics metrics;
    /** Position ids reserved from the identity sequence and not used yet; they outlive a replay's short sessions. */
    private final java.util.Deque<Long> reservedPositionIds = new java.util.ArrayDeque<>();
    /** The current session's ledger. */
    private RunnerLedger currentLedger;
    private EffectiveConfig configJsonOf;
    private String configJson;
    private String configHash;

    public VariantRunner(RunnerSettings settings, DataSource dataSource, TransactionOperations<Connection> transactions,
                         RunnerRepositories repositories, SessionStore sessions,
                         MarketDataFactory markets, MeterRegistry registry, EngineStateStore engineState, ProgressStore progress,
                         @Nullable RunnerTime time) {
        this.settings = settings;
        this.time = time == null ? RunnerTime.SYSTEM : time;
        this.clock = this.time.clock();
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.transactions = transactions;
        this.repositories = repositories;
        this.markets = markets;
        this.registry = registry;
        this.engineState = engineState;
        this.progress = progress;
        this.overlays = new OverlayWatch(settings, engineState, clock);
        this.restore = new EngineRestore(settings, this.dataSource, repositories, engineState, progress);
        this.rows = new SessionRows(settings.variant(), sessions, engineState, clock, host, pid);
        this.warmUps = new WarmUps(settings.variant(), transactions, clock);
        this.backtestResume = new BacktestResume(this.dataSource);
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

    /** Asks the loop to end the session at the next opportunity (between cycles or while waiting), for {@code reason}. */
    public void requestStop(EndReason reason) {
        stopReason.compareAndSet(null, reason);
    }

    public String variant() {
        return settings.variant();
    }

    /** The effective config: base + overlay + --set pairs, validated (throws with every problem). */
    public EffectiveConfig effectiveConfig() {
        return overlays.resolve();
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
        try (Connection connection = dataSource.getConnection()) {
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
                requestStop(EndReason.LOCK_LOST);
            });
            Instant resumeAfter = restore.resumePoint(variant, market);
            ScanEngine engine = restore.restored(config, variant, resumeAfter, metrics);
            restore.followShadows(engine, config);
            metrics.watch(engine);
            if (settings.resumeAfterHalt() && market.live()) {
                throw new IllegalArgumentException("--resume-after-halt is for replays (backtests): a live runner's circuit breaker is reset by a person");
            }
            if (market.live()) {
                warmUps.live(engine, market, config.warmupCandles());
            } else if (resumeAfter == null) {
                warmUps.replay(engine, market, config.warmupCandles(), metrics);
            }
            if (settings.resumeAfterHalt() && resumeAfter != null) {
                // a backtest resumed after a crash: a HALT its dead process made is reset as the next session would have
                backtestResume.reset(variant, resumeAfter);
            }
            HaltBackoff backoff = new HaltBackoff(FIRST_HALT_BACKOFF, LONGEST_HALT_BACKOFF);
            List<SessionSummary> summaries = new ArrayList<>();
            Instant completedThrough = resumeAfter;
            overlays.started(metrics);
            ScanLoop previous = null;
            while (true) {
                if (!summaries.isEmpty()) {
                    EffectiveConfig next = overlays.next(effective);
                    if (next != effective) {
                        engine = reconfigured(engine, next.config(), market);
                        effective = next;
                        restore.followShadows(engine, effective.config());
                    } else if (market.live()) {
                        restore.followShadows(engine, effective.config());
                    }
                }
                Instant started = clock.instant();
                ScanLoop loop = newLoop(effective, lock, market, engine, resumeAfter, completedThrough).continuing(market.live() ? null : previous);
                SessionSummary summary = runSession(market, engine, loop);
                completedThrough = loop.completedThrough();
                summaries.add(summary);
                onSessionEnd.accept(summary);
                resumeAfter = null;
                SessionRules.Next next = SessionRules.next(summary.endReason(), market.live(), "restart".equals(settings.afterSession()),
                        stopReason.get() != null, EndReason.LOCK_LOST.equals(stopReason.get()));
                if (next == SessionRules.Next.LOCK_LOST) {
                    rows.settle(engine, completedThrough);
                    throw new DatabaseLostException("variant " + variant + " lost the database connection that held its instance lock");
                }
                if (next == SessionRules.Next.STOP) {
                    // a stop asked for while the session ended: its end was left to the next session, which will not come
                    rows.settle(engine, completedThrough);
                    return summaries;
                }
                boolean halted = next == SessionRules.Next.AFTER_HALT;
                Duration wait = backoff.after(halted, Duration.between(started, clock.instant()));
                boolean reset = settings.resumeAfterHalt() && backtestResume.reset(variant, loop.marketEnd());
                previous = halted || reset ? null : loop;
                if (halted) {
                    restore.resync(engine, variant);
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

    /** The engine under the next session's config; indicators that cannot carry over warm up again where they can. */
    private ScanEngine reconfigured(ScanEngine engine, SigilConfig next, MarketDataSource market) {
        ScanEngine reconfigured = engine.reconfigured(next, EmaCrossStrategy.of(next.strategy()));
        if (!engine.indicatorsCarriedOver(next)) {
            if (market.live()) {
                warmUps.live(reconfigured, market, next.warmupCandles());
            } else {
                LOG.warn("{}: the strategy or the stop's ATR interval changed: indicators start again from the next candle", settings.variant());
            }
        }
        metrics.watch(reconfigured);
        return reconfigured;
    }

    /** A session's loop: its row started (closing one a dead process left open), its ledger bound to it. */
    private ScanLoop newLoop(EffectiveConfig effective, InstanceLock lock, MarketDataSource market, ScanEngine engine, Instant resumeAfter,
                             Instant completedThrough) {
        SigilConfig config = effective.config();
        String variant = settings.variant();
        Instant started = clock.instant();
        int durationSeconds = settings.durationSeconds() != null ? settings.durationSeconds() : config.scanner().sessionDurationSeconds();
        if (effective != configJsonOf) {
            configJsonOf = effective;
            configJson = ConfigJson.json(effective);
            configHash = ConfigJson.hash(configJson);
        }
        SessionRows.Opened session = rows.open(started, durationSeconds, configHash, configJson, market.kind());
        long sessionId = session.id();
        LOG.info("{}: session {} started on {} (config {}, limit {} s{})", variant, sessionId, market.description(),
                configHash.substring(0, 12), durationSeconds, market.live() ? "" : " of the candles' clock");
        LedgerBinding binding = new LedgerBinding(variant, sessionId, engine.strategyName(), market.kind());
        RunnerLedger ledger = market.live() ? new PostgresTradeLedger(transactions, repositories, progress, engineState, binding)
                : new ReplayTradeLedger(transactions, progress, engineState, binding, reservedPositionIds, session.deferred(), session.predecessor());
        currentLedger = ledger;
        ledger.candles(warmUps.takeUnrecorded());
        if (session.continued().isPresent()) {
            engine.continueSession(ledger, session.lastCheckpoint());
            LOG.info("{}: session {} continues session {} that a crash interrupted: its span from {}, its {} ticks and its guards ({}) "
                    + "as its last checkpoint left them", variant, sessionId, session.continued().get().sessionId(), session.continued().get().spanStart(),
                    session.continued().get().lastTick(), engine.safety().guards().mode());
        } else {
            engine.startSession(ledger);
        }
        return new ScanLoop(variant, engine, market, new LoopOutside(dataSource, lock, variant, sessionId, host, pid), ledger, metrics, clock, time::sleepUntil,
                liveness, new ScanLoop.Settings(Duration.ofSeconds(config.scanner().scanIntervalSeconds()), started,
                Duration.ofSeconds(durationSeconds), settings.replayTicksPerSecond(),
                Duration.ofMillis(Math.round(settings.replayHeartbeatSeconds() * 1000)), sessionId, session.continued().orElse(null)),
                resumeAfter, completedThrough);
    }

    private SessionSummary runSession(MarketDataSource market, ScanEngine engine, ScanLoop loop) throws InterruptedException {
        long sessionId = rows.current();
        EndReason endReason = EndReason.FAILED;
        try {
            endReason = loop.run(() -> stopReason.get() != null);
            if (endReason.equals(EndReason.SIGNAL_TERM) && stopReason.get() != null) {
                endReason = stopReason.get();
            }
        } catch (Checkpoints.FailedException e) {
            endReason = EndReason.LOCK_LOST;
            LOG.error("{}: {}; ending the process so systemd restarts it", settings.variant(), e.getMessage());
        } finally {
            if (currentLedger instanceof ReplayTradeLedger replay
                    && SessionRules.endWithNextCheckpoint(endReason, market.live(), stopReason.get() != null, replay.mayEndLater())) {
                rows.endWithNextCheckpoint(replay, sessionId, new SessionStore.End(clock.instant(), endReason, loop.marketStart(), loop.marketEnd()));
            } else {
                loop.finish();
                rows.end(sessionId, endReason, loop.marketStart(), loop.marketEnd());
            }
        }
        return new SessionSummary(sessionId, endReason, loop.ticks(), engine.equity(), engine.realizedPnl(), engine.openPositions().size(),
                loop.cycleTimes().describe());
    }

    /** Writes the session's end, retrying briefly; a failure is logged at ERROR, never swallowed silently. */
    public boolean endSession(long sessionId, EndReason reason) {
        return rows.end(sessionId, reason, null, null);
    }

    /** The session being run, if any (for a shutdown that has to abandon the loop). */
    public Long currentSession() {
        return rows.current();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
