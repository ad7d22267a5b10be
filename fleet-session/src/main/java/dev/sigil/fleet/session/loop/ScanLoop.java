package dev.sigil.fleet.session.loop;

import dev.sigil.fleet.core.breaker.BreakerTrip;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.engine.Continuation;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.engine.Tick;
import dev.sigil.fleet.core.engine.TickReport;
import dev.sigil.fleet.core.guard.LedgerTruth;
import dev.sigil.fleet.core.guard.Mode;
import dev.sigil.fleet.core.guard.TruthCadence;
import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.core.session.SessionRules;
import dev.sigil.fleet.market.MarketDataSource;
import dev.sigil.fleet.market.UnusableKlineFileException;
import dev.sigil.fleet.session.RunnerMetrics;
import dev.sigil.fleet.db.ledger.CycleReads;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cycles of one session: heartbeat start, candles from the market-data port, circuit breaker, one engine tick,
 * heartbeat end, metrics. A session lasts its duration on the tick clock: the wall clock live, the candles' clock in
 * replay (a 30-day replay of 2-hour sessions has 360 of them, however fast it runs). Live, cycles start on a fixed
 * cadence of the wall clock and every cycle is a checkpoint;
 * in replay they follow each other as fast as the engine goes (or at a set pace) and a checkpoint — the buffered
 * ticks, engine state and resume point in one transaction — is taken with each heartbeat, before the wallet-truth
 * read (on the tick clock: {@link TruthCadence}) and at the session's end. Candles up to the resume point only warm the indicators up. A cycle that throws
 * is logged at ERROR with its stack, counted, and the next cycle runs. Ends on a stop request, the session's
 * duration, the end of replay data, a HALT, or the loss of the variant's instance lock.
 */
public final class ScanLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ScanLoop.class);

    /** The loop's reads and heartbeat writes on the database; the ledger makes the ticks durable. */
    public interface Outside {
        /**
         * Records the cycle's start on the connection that holds the variant's instance lock, which is also the
         * check that this process still holds it: false when that connection, and the lock with it, is gone. A write
         * that failed on a live connection throws.
         */
        boolean scanStarted(Instant at);

        /** Records the cycle's end and the newest candle it saw. */
        void scanEnded(Instant at, Instant newestCandle, int candles);

        /**
         * The breaker and, if {@code ledgerTruth}, the ledger for the wallet-truth check, as the database has them (one
         * round trip); {@link CycleReads#UNREADABLE} when they cannot be read (then no entries: fail safe).
         */
        CycleReads reads(boolean ledgerTruth);
    }

    /** Waits until a wall-clock instant, returning early (true) if a stop was requested. */
    public interface Sleeper {
        boolean sleepUntil(Instant until, BooleanSupplier stop) throws InterruptedException;
    }

    /**
     * Cadence and limits of the loop.
     *
     * @param sessionStart live: the instant the session's duration counts from (a continued session's: the interrupted one's)
     * @param sessionId the session's row, named in its checkpoints' engine state
     * @param continued the session a crash interrupted that this one goes on with (null: a fresh session)
     */
    public record Settings(Duration interval, Instant sessionStart, Duration sessionLimit, double replayTicksPerSecond,
                           Duration replayHeartbeatEvery, long sessionId, Continuation continued) {

        /** A fresh session's settings (no row id in its checkpoints: for tests of the loop alone). */
        public Settings(Duration interval, Instant sessionStart, Duration sessionLimit, double replayTicksPerSecond, Duration replayHeartbeatEvery) {
            this(interval, sessionStart, sessionLimit, replayTicksPerSecond, replayHeartbeatEvery, 0, null);
        }
    }

    private final String variant;
    private final ScanEngine engine;
    private final MarketDataSource market;
    private final Outside outside;
    private final RunnerLedger ledger;
    private final Checkpoints checkpoints;
    private final RunnerMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Liveness liveness;
    private final Settings settings;
    private final ResumeFilter resume;
    private Instant completedThrough;
    private Instant marketStart;
    private Instant marketEnd;
    /**
     * The instant the session's duration counts from on its tick clock: live, its start (or the interrupted session's);
     * in replay, its first candle's open (or the interrupted session's). Null until known.
     */
    private Instant spanStart;
    private long tickNumber;
    private Instant lastHeartbeat = Instant.EPOCH;
    private BreakerWatch breaker;
    private final CycleTimes cycleTimes = new CycleTimes();
    private TruthCadence truthCadence = new TruthCadence();

    /**
     * @param resumeAfter the durable resume point of the previous process: candles closed at or before it are only
     *     used to warm up (null: none)
     * @param completedThrough the newest candle already processed before this session (the previous session's, or
     *     the resume point), carried into this session's checkpoints and last heartbeat (null: none)
     */
    public ScanLoop(String variant, ScanEngine engine, MarketDataSource market, Outside outside, RunnerLedger ledger,
                    RunnerMetrics metrics, Clock clock, Sleeper sleeper, Liveness liveness, Settings settings, Instant resumeAfter,
                    Instant completedThrough) {
        this.variant = variant;
        this.engine = engine;
        this.market = market;
        this.outside = outside;
        this.ledger = ledger;
        this.checkpoints = new Checkpoints(variant, ledger, metrics);
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
        this.liveness = liveness;
        this.settings = settings;
        this.breaker = new BreakerWatch(variant, engine);
        this.resume = new ResumeFilter(variant, engine, market, ledger, metrics, resumeAfter);
        this.completedThrough = completedThrough;
        if (settings.continued() != null) {
            this.tickNumber = settings.continued().lastTick();
            this.spanStart = settings.continued().spanStart();
        } else if (market.live()) {
            this.spanStart = settings.sessionStart();
        }
    }

    /** Runs cycles until the session ends; returns its end reason. Call {@link #finish()} afterwards. */
    public EndReason run(BooleanSupplier stopRequested) throws InterruptedException {
        if (settings.continued() != null && engine.safety().guards().mode() == Mode.HALT) {
            // the interrupted session had HALTed and its end was not written: it ends now, as it would have then
            return EndReason.halt(engine.safety().guards().haltReason());
        }
        Instant sessionEnd = (settings.continued() != null ? settings.continued().spanStart() : settings.sessionStart()).plus(settings.sessionLimit());
        Instant nextStart = clock.instant();
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return EndReason.SIGNAL_TERM;
            }
            Instant now = clock.instant();
            if (market.live() && SessionRules.liveSessionOver(now, sessionEnd)) {
                return EndReason.DURATION_ELAPSED;
            }
            liveness.cycleStarted(System.nanoTime());
            try {
                EndReason ended = cycle(now);
                if (ended != null) {
                    return ended;
                }
            } catch (Checkpoints.FailedException | UnusableKlineFileException e) {
                // not a cycle to retry: the database is gone for this process, or the replay data cannot be read on
                throw e;
            } catch (RuntimeException e) {
                metrics.cycleFailed();
                LOG.error("{}: scan cycle {} failed; the next cycle runs", variant, tickNumber, e);
            } finally {
                liveness.cycleEnded(System.nanoTime());
            }
            if (market.live()) {
                nextStart = SessionRules.nextCycleStart(nextStart, settings.interval(), clock.instant());
                Instant wake = nextStart.isAfter(sessionEnd) ? sessionEnd : nextStart;
                if (sleeper.sleepUntil(wake, stopRequested)) {
                    return EndReason.SIGNAL_TERM;
                }
            } else if (settings.replayTicksPerSecond() > 0 && !resume.resuming()) {
                // a resumed replay catches up unpaced through the candles the dead process had already handled
                nextStart = nextStart.plusNanos((long) (1e9 / settings.replayTicksPerSecond()));
                if (sleeper.sleepUntil(nextStart, stopRequested)) {
                    return EndReason.SIGNAL_TERM;
                }
            }
        }
    }

    /**
     * The session's last checkpoint: whatever is still buffered, the engine state and the resume point. A failure is
     * logged, not thrown: the ticks it would have made durable are replayed by the next start.
     */
    public void finish() {
        try {
            checkpoints.make(clock.instant(), engine, settings.sessionId(), spanStart, marketStart, tickNumber, completedThrough);
        } catch (RuntimeException e) {
            LOG.error("{}: the session's last {} write(s) could not be made durable ({}); the next start replays them",
                    variant, ledger.pendingWrites(), e.getMessage());
        }
    }

    /** One tick; returns the session's end reason when the tick ends it (replay exhausted, HALT, lock lost), else null. */
    private EndReason cycle(Instant now) {
        long startNanos = System.nanoTime();
        boolean heartbeatDue = SessionRules.heartbeatDue(market.live(), now, lastHeartbeat, settings.replayHeartbeatEvery());
        boolean durable = false;
        if (heartbeatDue) {
            // the truth read below compares the database with memory: make memory durable first (in replay this also
            // writes a session's row deferred at its rollover, which the heartbeat refers to)
            durable = checkpointOrCount(now);
            // every cycle live, once a second in replay: the heartbeat, written on the connection holding the instance
            // lock, is also the check that this process still holds it (one round trip for both)
            if (!writeHeartbeat(() -> outside.scanStarted(now))) {
                LOG.error("{}: lost the database connection that held the runner lock (database restarted or unreachable); "
                        + "ending the process so systemd restarts it and it resumes from its last checkpoint", variant);
                return EndReason.LOCK_LOST;
            }
        }
        MarketDataSource.Batch batch = resume.next(now);
        if (batch.exhausted()) {
            if (!checkpointOrCount(clock.instant())) {
                // the end is not durable yet: not a clean end; the next cycle tries again (or the process ends, and resumes)
                return null;
            }
            Instant newest = completedThrough;
            writeHeartbeat(() -> {
                outside.scanEnded(clock.instant(), newest, 0);
                return true;
            });
            return EndReason.REPLAY_EXHAUSTED;
        }
        Instant marketTime = market.live() || batch.marketTime() == null ? now : batch.marketTime();
        LedgerTruth truth = null;
        boolean truthDue = truthCadence.due(market.live(), marketTime);
        if (truthDue && !heartbeatDue) {
            // replay: the truth is read on the tick clock; the database must hold every decision before it is compared
            durable = checkpointOrCount(now);
        }
        tickNumber++;
        if (heartbeatDue || truthDue) {
            // the breaker: live every cycle, in replay with each heartbeat (a person's reset is seen within a second). A
            // database that missed the last checkpoint would look like a divergence: no truth check then
            CycleReads reads = outside.reads(truthDue && durable);
            breaker.read(reads.breaker());
            truth = reads.ledgerTruth();
        }
        TickReport report = engine.tick(new Tick(tickNumber, marketTime, batch.candles(), breaker.tripped(), truth));
        for (Candle candle : batch.candles()) {
            completedThrough = completedThrough == null || candle.closeTime().isAfter(completedThrough) ? candle.closeTime() : completedThrough;
            marketStart = marketStart == null || candle.openTime().isBefore(marketStart) ? candle.openTime() : marketStart;
        }
        if (spanStart == null) {
            spanStart = marketStart;
        }
        marketEnd = marketTime;
        BreakerTrip trip = BreakerTrip.after(report.haltReason(), report.breakerTripReason(), report.haltDetail());
        if (trip != null) {
            LOG.warn("{}: HALT ({}{}): ending the session and tripping the circuit breaker ({}); the next session observes and manages "
                    + "exits only", variant, trip.reason(), trip.detail() == null ? "" : ": " + trip.detail(), trip.actor().token());
            ledger.tripBreaker(trip.reason(), trip.actor().token(), marketTime, trip.detail());
            breaker.trippedNow();
        }
        Instant end = clock.instant();
        if (heartbeatDue) {
            checkpointOrCount(end);
            writeHeartbeat(() -> {
                outside.scanEnded(end, report.newestCandle(), report.candlesAccepted());
                return true;
            });
            lastHeartbeat = now;
        }
        long took = System.nanoTime() - startNanos;
        metrics.tick(report, Duration.ofNanos(took));
        cycleTimes.record(took);
        metrics.breaker(breaker.tripped());
        if (market.live()) {
            LOG.info("{}: cycle {} candles {} (bad {}) entries {} exits {} open {} equity {} USD", variant, tickNumber,
                    report.candlesAccepted(), report.candlesRejected(), report.entries(), report.exits(), report.openPositions(),
                    String.format(java.util.Locale.ROOT, "%.2f", report.equity()));
        }
        if (report.haltReason() != null) {
            return EndReason.halt(report.haltReason());
        }
        if (!market.live() && SessionRules.replaySessionOver(spanStart, marketTime, settings.sessionLimit())) {
            // in replay a session lasts its duration on the candles' clock, however fast the machine replays them; what it
            // buffered is written by finish(), or, at a plain rollover, with the next session's first checkpoint
            return EndReason.DURATION_ELAPSED;
        }
        return null;
    }

    /** A checkpoint of the ticks so far (see {@link Checkpoints#makeOrCount}); whether it was made. */
    private boolean checkpointOrCount(Instant at) {
        return checkpoints.makeOrCount(at, engine, settings.sessionId(), spanStart, marketStart, tickNumber, completedThrough);
    }

    /** Writes a heartbeat; false when the lock is found lost. One not written on a live connection is logged. */
    private boolean writeHeartbeat(BooleanSupplier write) {
        try {
            if (!write.getAsBoolean()) {
                return false;
            }
            metrics.heartbeat(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("{}: heartbeat not written (database unreachable?): {}", variant, e.getMessage());
        }
        return true;
    }

    public long ticks() {
        return tickNumber;
    }

    /** This session's cycle durations. */
    public CycleTimes cycleTimes() {
        return cycleTimes;
    }

    /**
     * Carries the previous session's last heartbeat, breaker reading and truth cadence over, so a replay session's first
     * tick is not a heartbeat or a truth read (and their database round trips) just for being first: in replay, sessions of a few seconds follow one
     * another. Only for a plain rollover: after a HALT or a reset, the next session reads the database at once.
     */
    public ScanLoop continuing(ScanLoop previous) {
        if (previous != null) {
            lastHeartbeat = previous.lastHeartbeat;
            truthCadence = previous.truthCadence;
            breaker.carryOver(previous.breaker);
        }
        return this;
    }

    /** The newest candle processed so far (this session's or before). */
    public Instant completedThrough() {
        return completedThrough;
    }

    /** The tick clock's span of this session: the open of its first candle and the time of its last tick (null: none). */
    public Instant marketStart() {
        return marketStart;
    }

    public Instant marketEnd() {
        return marketEnd;
    }
}
