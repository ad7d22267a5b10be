package dev.sigil.fleet.runner.loop;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.engine.Tick;
import dev.sigil.fleet.core.engine.TickReport;
import dev.sigil.fleet.core.guard.LedgerTruth;
import dev.sigil.fleet.core.guard.Mode;
import dev.sigil.fleet.runner.marketdata.MarketDataSource;
import dev.sigil.fleet.runner.metrics.RunnerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cycles of one session: heartbeat start, candles from the market-data port, circuit breaker, one engine tick,
 * heartbeat end, metrics. Live, cycles start on a fixed cadence of the wall clock; in replay they follow each other
 * as fast as the engine goes (or at a set pace). A cycle that throws is logged at ERROR with its stack, counted,
 * and the next cycle runs. Ends on a stop request, the session's duration, or the end of replay data.
 */
public final class ScanLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ScanLoop.class);

    public static final String SIGNAL_TERM = "signal_term";
    public static final String DURATION_ELAPSED = "duration_elapsed";
    public static final String REPLAY_EXHAUSTED = "replay_exhausted";
    public static final String LOCK_LOST = "lock_lost";
    /** The prefix of a session ended by HALT: {@code halt:degraded_episode_cap}. */
    public static final String HALT_PREFIX = "halt:";

    /** The loop's side effects on the database other than the engine's ledger. */
    public interface Outside {
        void scanStarted(Instant at);

        /** Makes the cycle's buffered writes durable, then records the cycle's end and newest candle. */
        void scanEnded(Instant at, Instant newestCandle, int candles);

        /** The breaker as the database says: true tripped, false closed, null unreadable (then no entries: fail safe). */
        Boolean breakerTripped();

        /** Whether this process still holds its variant's instance lock. */
        boolean stillSoleRunner();

        /** The ledger as the database has it, for the wallet-truth check; null if it cannot be read. */
        LedgerTruth ledgerTruth();

        /** Trips the variant's circuit breaker (idempotent). */
        void tripBreaker(String reason, String actor);

        /** Persists the engine's counters, mode and halt reason (only what changed). */
        void engineState(Map<String, String> state, Instant at);
    }

    /** Waits until a wall-clock instant, returning early (true) if a stop was requested. */
    public interface Sleeper {
        boolean sleepUntil(Instant until, BooleanSupplier stop) throws InterruptedException;
    }

    /** Cadence and limits of the loop. */
    public record Settings(Duration interval, Instant sessionStart, Duration sessionLimit, double replayTicksPerSecond,
                           Duration replayHeartbeatEvery) {
    }

    private final String variant;
    private final ScanEngine engine;
    private final MarketDataSource market;
    private final Outside outside;
    private final RunnerMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Liveness liveness;
    private final Settings settings;
    private Instant resumeAfter;
    private long tickNumber;
    private Instant lastHeartbeat = Instant.EPOCH;
    private boolean breakerTripped;
    private Boolean breakerKnown;
    private Mode lastMode = Mode.ACTIVE;

    public ScanLoop(String variant, ScanEngine engine, MarketDataSource market, Outside outside, RunnerMetrics metrics,
                    Clock clock, Sleeper sleeper, Liveness liveness, Settings settings, Instant resumeAfter) {
        this.variant = variant;
        this.engine = engine;
        this.market = market;
        this.outside = outside;
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
        this.liveness = liveness;
        this.settings = settings;
        this.resumeAfter = resumeAfter;
    }

    /** Runs cycles until the session ends; returns its end reason. */
    public String run(BooleanSupplier stopRequested) throws InterruptedException {
        Instant sessionEnd = settings.sessionStart().plus(settings.sessionLimit());
        Instant nextStart = clock.instant();
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return SIGNAL_TERM;
            }
            Instant now = clock.instant();
            if (!now.isBefore(sessionEnd)) {
                return DURATION_ELAPSED;
            }
            liveness.cycleStarted(System.nanoTime());
            try {
                String ended = cycle(now);
                if (ended != null) {
                    return ended;
                }
            } catch (RuntimeException e) {
                metrics.cycleFailed();
                LOG.error("{}: scan cycle {} failed; the next cycle runs", variant, tickNumber, e);
            } finally {
                liveness.cycleEnded(System.nanoTime());
            }
            if (market.live()) {
                nextStart = nextStart.plus(settings.interval());
                Instant after = clock.instant();
                while (!nextStart.isAfter(after)) {
                    nextStart = nextStart.plus(settings.interval());
                }
                Instant wake = nextStart.isAfter(sessionEnd) ? sessionEnd : nextStart;
                if (sleeper.sleepUntil(wake, stopRequested)) {
                    return SIGNAL_TERM;
                }
            } else if (settings.replayTicksPerSecond() > 0 && resumeAfter == null) {
                // a resumed replay catches up unpaced through the candles the dead process had already handled
                nextStart = nextStart.plusNanos((long) (1e9 / settings.replayTicksPerSecond()));
                if (sleeper.sleepUntil(nextStart, stopRequested)) {
                    return SIGNAL_TERM;
                }
            }
        }
    }

    /** One tick; returns the session's end reason when the tick ends it (replay exhausted, HALT), else null. */
    private String cycle(Instant now) {
        long startNanos = System.nanoTime();
        tickNumber++;
        boolean heartbeatDue = market.live() || !now.isBefore(lastHeartbeat.plus(settings.replayHeartbeatEvery()));
        if (heartbeatDue) {
            // a database round trip: every cycle live, once a second in replay, like the heartbeat itself
            if (!outside.stillSoleRunner()) {
                LOG.error("{}: lost the connection that held the runner lock; ending the session", variant);
                return LOCK_LOST;
            }
            writeHeartbeat(() -> outside.scanStarted(now));
        }
        MarketDataSource.Batch batch = market.next(now);
        metrics.malformed(batch.malformed());
        if (batch.exhausted()) {
            writeHeartbeat(() -> outside.scanEnded(clock.instant(), null, 0));
            return REPLAY_EXHAUSTED;
        }
        List<Candle> candles = skipAlreadyProcessed(batch.candles());
        LedgerTruth truth = null;
        if (heartbeatDue) {
            // live: every cycle; replay: with each heartbeat (a person's reset is seen within a second)
            readBreaker();
            truth = outside.ledgerTruth();
        }
        Instant marketTime = market.live() || batch.marketTime() == null ? now : batch.marketTime();
        TickReport report = engine.tick(new Tick(tickNumber, marketTime, candles, breakerTripped, truth));
        if (report.breakerTripReason() != null) {
            LOG.warn("{}: risk limit breached ({}); tripping the circuit breaker", variant, report.breakerTripReason());
            outside.tripBreaker(report.breakerTripReason(), "risk_manager");
            breakerTripped = true;
            breakerKnown = true;
        }
        Instant end = clock.instant();
        boolean modeChanged = report.mode() != lastMode;
        lastMode = report.mode();
        if (heartbeatDue || modeChanged) {
            outside.engineState(engine.engineState(), end);
        }
        if (heartbeatDue || report.entries() > 0 || report.exits() > 0) {
            writeHeartbeat(() -> outside.scanEnded(end, report.newestCandle(), report.candlesAccepted()));
            lastHeartbeat = now;
        }
        metrics.tick(report, Duration.ofNanos(System.nanoTime() - startNanos));
        metrics.breaker(breakerTripped);
        if (market.live()) {
            LOG.info("{}: cycle {} candles {} (bad {}) entries {} exits {} open {} equity {} USD", variant, tickNumber,
                    report.candlesAccepted(), report.candlesRejected(), report.entries(), report.exits(), report.openPositions(),
                    String.format(java.util.Locale.ROOT, "%.2f", report.equity()));
        }
        return report.haltReason() == null ? null : HALT_PREFIX + report.haltReason();
    }

    private void readBreaker() {
        Boolean tripped = outside.breakerTripped();
        if (tripped == null) {
            breakerTripped = true;
            return;
        }
        if (Boolean.TRUE.equals(breakerKnown) && !tripped) {
            LOG.warn("{}: the circuit breaker was reset by a person; entries resume, risk limits re-based on the account as it stands", variant);
            engine.acknowledgeBreakerReset();
        } else if (!Boolean.TRUE.equals(breakerKnown) && tripped) {
            LOG.warn("{}: the circuit breaker is tripped; no entries until a person resets it (fleet breaker reset {})", variant, variant);
        }
        breakerKnown = tripped;
        breakerTripped = tripped;
    }

    /** After a crash, candles up to the newest one processed before it only warm the indicators up. */
    private List<Candle> skipAlreadyProcessed(List<Candle> candles) {
        if (resumeAfter == null) {
            return candles;
        }
        List<Candle> fresh = new ArrayList<>(candles.size());
        for (Candle candle : candles) {
            if (candle.closeTime().isAfter(resumeAfter)) {
                fresh.add(candle);
            } else {
                engine.warmUp(candle);
            }
        }
        if (!fresh.isEmpty()) {
            LOG.info("{}: resumed after {}, where the aborted session stopped", variant, resumeAfter);
            resumeAfter = null;
        }
        return fresh;
    }

    private void writeHeartbeat(Runnable write) {
        try {
            write.run();
            metrics.heartbeat(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("{}: heartbeat not written (database unreachable?): {}", variant, e.getMessage());
        }
    }

    public long ticks() {
        return tickNumber;
    }
}
