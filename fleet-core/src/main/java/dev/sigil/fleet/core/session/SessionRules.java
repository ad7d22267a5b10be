package dev.sigil.fleet.core.session;

import dev.sigil.fleet.core.breaker.BreakerActor;
import java.time.Duration;
import java.time.Instant;

/**
 * The runner's rules between sessions and within one, with no I/O: what follows a session's end, whether a replay's
 * rollover may leave its end to the next session's first checkpoint, which circuit-breaker trips a backtest may reset,
 * when a heartbeat is due and when a session's duration is over. {@code VariantRunner} and {@code ScanLoop} read,
 * ask these, and execute.
 */
public final class SessionRules {

    private SessionRules() {
    }

    /** What the runner does after a session ended. */
    public enum Next {
        /** The next session starts at once (a duration rollover). */
        ROLL_OVER,
        /** The next session starts from the database's truth, after the HALT back-off. */
        AFTER_HALT,
        /** The runner ends: stopped, the replay done, a session run alone (--after-session exit), or failed. */
        STOP,
        /** The runner lost its instance lock: the process ends so systemd restarts it. */
        LOCK_LOST
    }

    /**
     * @param live whether the runner trades live (a replay rolls over on the candles' clock until its data ends)
     * @param restartAfterDuration live: whether a session that ran its duration is followed by another (--after-session restart)
     * @param stopRequested whether a stop was asked for (a signal, or the lock watch)
     * @param lockLost whether the lock watch saw the instance lock's connection go
     */
    public static Next next(EndReason end, boolean live, boolean restartAfterDuration, boolean stopRequested, boolean lockLost) {
        if (end.kind() == EndReason.Kind.LOCK_LOST || lockLost) {
            return Next.LOCK_LOST;
        }
        if (stopRequested) {
            return Next.STOP;
        }
        if (end.halted()) {
            return Next.AFTER_HALT;
        }
        if (end.kind() == EndReason.Kind.DURATION_ELAPSED && (!live || restartAfterDuration)) {
            return Next.ROLL_OVER;
        }
        return Next.STOP;
    }

    /**
     * A replay's plain rollover leaves its session's end to the next session's first checkpoint, with the rest of its
     * writes (sessions of a few seconds follow one another); any other end is written at once.
     *
     * @param ledgerMayEndLater whether the session's ledger can carry its end over (see the replay ledger)
     */
    public static boolean endWithNextCheckpoint(EndReason end, boolean live, boolean stopRequested, boolean ledgerMayEndLater) {
        return end.kind() == EndReason.Kind.DURATION_ELAPSED && !live && !stopRequested && ledgerMayEndLater;
    }

    /**
     * The trips a backtest run with --resume-after-halt resets at its next session: the runner's own (a HALT, a risk
     * limit), never the monitor's or a person's.
     */
    public static boolean backtestMayReset(String trippedBy) {
        return BreakerActor.RUNNER.token().equals(trippedBy) || BreakerActor.RISK_MANAGER.token().equals(trippedBy);
    }

    /** Live, every cycle writes the heartbeat; a replay writes it once per {@code replayEvery} of the wall clock. */
    public static boolean heartbeatDue(boolean live, Instant now, Instant lastHeartbeat, Duration replayEvery) {
        return live || !now.isBefore(lastHeartbeat.plus(replayEvery));
    }

    /**
     * Whether a replay session's duration is over on the candles' clock: its span started at {@code spanStart} (its
     * first candle's open; null: no candle yet) and the tick at {@code marketTime} reached its limit.
     */
    public static boolean replaySessionOver(Instant spanStart, Instant marketTime, Duration limit) {
        return spanStart != null && !marketTime.isBefore(spanStart.plus(limit));
    }

    /** Whether a live session's duration is over on the wall clock (it ends at {@code sessionEnd}). */
    public static boolean liveSessionOver(Instant now, Instant sessionEnd) {
        return !now.isBefore(sessionEnd);
    }

    /**
     * Live: the start of the next cycle on the fixed cadence after the one planned at {@code planned} — cycles missed
     * while a cycle overran (it is {@code now}) are skipped, not run back to back.
     */
    public static Instant nextCycleStart(Instant planned, Duration interval, Instant now) {
        Instant next = planned.plus(interval);
        while (!next.isAfter(now)) {
            next = next.plus(interval);
        }
        return next;
    }
}
