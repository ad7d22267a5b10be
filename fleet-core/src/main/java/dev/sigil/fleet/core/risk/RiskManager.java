package dev.sigil.fleet.core.risk;

import dev.sigil.fleet.core.config.RiskSettings;
import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.position.ClosedPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The variant's risk limits, checked every tick on the tick clock; exits are never blocked. A realized loss in one
 * UTC day beyond {@code max_daily_loss_usd}, or a drawdown from peak equity beyond {@code max_drawdown_pct}, blocks
 * entries and asks for the circuit breaker to be tripped — a hard safety limit, which ends the session (once per
 * breach: a restart the same day, or before a reset, does not trip it again). The stoploss guard — N hard-stop losses
 * within the lookback — pauses entries for a while (like freqtrade's StoplossGuard). The peak equity belongs to the
 * variant: it is restored at start-up and survives sessions. When a person resets the breaker the limits are
 * re-based on the account as it stands ({@link #acknowledgeReset}); that re-basing, the pause and the peak are
 * {@link #state()} (persisted), the day's realized P&L and the recent hard-stop losses come from the ledger
 * ({@link #restore}).
 */
public final class RiskManager {

    public static final String MAX_DAILY_LOSS = "max_daily_loss";
    public static final String MAX_DRAWDOWN = "max_drawdown";
    public static final String STOPLOSS_GUARD = "stoploss_guard";

    /**
     * Why entries are blocked this tick (null: they are not), and the breaker trip to request (null: none) with what
     * breached the limit, in words ({@code tripDetail}).
     */
    public record Verdict(String entryBlockReason, String breakerTripReason, String tripDetail) {
        public static final Verdict CLEAR = new Verdict(null, null, null);
    }

    private final RiskSettings settings;
    private double peakEquity;
    private LocalDate day;
    private double realizedToday;
    private double dayBaseline;
    private final Deque<Instant> hardStopLosses = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;
    /** The UTC day whose daily loss already tripped the breaker (null: none). */
    private LocalDate dailyTripDay;
    private boolean drawdownTripRequested;
    private long acknowledgedReset;

    public RiskManager(RiskSettings settings, double peakEquity) {
        this.settings = settings;
        this.peakEquity = peakEquity;
    }

    /** At start-up: the realized P&L of the UTC day of the last exit, from the database. */
    public void restoreDay(LocalDate lastExitDay, double realizedThatDay) {
        this.day = lastExitDay;
        this.realizedToday = realizedThatDay;
    }

    /**
     * At start-up: the persisted state, the ledger's last exit day with its realized P&L, and the ledger's hard-stop
     * losses (exit times, oldest first) that may still count toward the stoploss guard. Losses up to the start of
     * the persisted pause already triggered it and are not counted again.
     */
    public void restore(RiskState state, LocalDate lastExitDay, double realizedThatDay, List<Instant> hardStopLossTimes) {
        peakEquity = state.peakEquity();
        restoreDay(lastExitDay, realizedThatDay);
        dayBaseline = lastExitDay != null && lastExitDay.equals(state.baselineDay()) ? state.dayBaseline() : 0;
        pausedUntil = state.pausedUntil();
        acknowledgedReset = state.acknowledgedReset();
        dailyTripDay = state.dailyLossTripDay();
        drawdownTripRequested = state.drawdownTripped();
        Instant pauseStart = pausedUntil.equals(Instant.MIN) ? Instant.MIN
                : pausedUntil.minus(Duration.ofMinutes(settings.stoplossGuardPauseMinutes()));
        hardStopLosses.clear();
        hardStopLossTimes.stream().filter(at -> at.isAfter(pauseStart)).forEach(hardStopLosses::addLast);
    }

    /** Takes over another manager's whole state (the same variant under a new config, between sessions). */
    public void takeState(RiskManager other) {
        peakEquity = other.peakEquity;
        day = other.day;
        realizedToday = other.realizedToday;
        dayBaseline = other.dayBaseline;
        hardStopLosses.clear();
        hardStopLosses.addAll(other.hardStopLosses);
        pausedUntil = other.pausedUntil;
        dailyTripDay = other.dailyTripDay;
        drawdownTripRequested = other.drawdownTripRequested;
        acknowledgedReset = other.acknowledgedReset;
    }

    /** What must survive a restart (see {@link RiskState}). */
    public RiskState state() {
        return new RiskState(peakEquity, day, dayBaseline, pausedUntil, acknowledgedReset, dailyTripDay, drawdownTripRequested);
    }

    /** The newest breaker reset acted upon (a circuit_breaker_events id; 0: none). */
    public long acknowledgedReset() {
        return acknowledgedReset;
    }

    public Verdict evaluate(Instant now, double equity, List<ClosedPosition> exits) {
        long epochDay = Math.floorDiv(now.getEpochSecond(), 86_400);
        if (day == null || day.toEpochDay() != epochDay) {
            day = LocalDate.ofEpochDay(epochDay);
            realizedToday = 0;
            dayBaseline = 0;
        }
        for (int i = 0; i < exits.size(); i++) {
            ClosedPosition exit = exits.get(i);
            realizedToday += exit.realizedPnl();
            if (exit.reason() == ExitReason.HARD_STOP && exit.realizedPnl() < 0) {
                hardStopLosses.addLast(exit.exitTime());
            }
        }
        peakEquity = Double.isNaN(peakEquity) ? equity : Math.max(peakEquity, equity);
        String block = null;
        String trip = null;
        String detail = null;
        double lost = -(realizedToday - dayBaseline);
        if (lost > settings.maxDailyLossUsd()) {
            block = MAX_DAILY_LOSS;
            if (!day.equals(dailyTripDay)) {
                dailyTripDay = day;
                trip = MAX_DAILY_LOSS;
                detail = String.format(java.util.Locale.ROOT, "lost %.2f USD on %s (UTC), limit %.2f", lost, day, settings.maxDailyLossUsd());
            }
        }
        double drawdownPct = peakEquity > 0 ? (peakEquity - equity) / peakEquity * 100 : 0;
        if (drawdownPct > settings.maxDrawdownPct()) {
            block = block == null ? MAX_DRAWDOWN : block;
            if (!drawdownTripRequested) {
                drawdownTripRequested = true;
                if (trip == null) {
                    trip = MAX_DRAWDOWN;
                    detail = String.format(java.util.Locale.ROOT, "equity %.2f USD is %.1f %% below its peak %.2f, limit %.1f %%", equity,
                            drawdownPct, peakEquity, settings.maxDrawdownPct());
                }
            }
        }
        // no Instant built per tick: the lookback's start is compared in seconds and nanoseconds
        long lookbackStartSecond = now.getEpochSecond() - settings.stoplossGuardLookbackMinutes() * 60L;
        while (!hardStopLosses.isEmpty() && before(hardStopLosses.peekFirst(), lookbackStartSecond, now.getNano())) {
            hardStopLosses.removeFirst();
        }
        if (hardStopLosses.size() >= settings.stoplossGuardCount()) {
            pausedUntil = now.plus(Duration.ofMinutes(settings.stoplossGuardPauseMinutes()));
            hardStopLosses.clear();
        }
        if (block == null && now.isBefore(pausedUntil)) {
            block = STOPLOSS_GUARD;
        }
        return block == null && trip == null ? Verdict.CLEAR : new Verdict(block, trip, detail);
    }

    private static boolean before(Instant instant, long epochSecond, int nano) {
        return instant.getEpochSecond() < epochSecond || instant.getEpochSecond() == epochSecond && instant.getNano() < nano;
    }

    /**
     * A person reset the breaker (event {@code resetEventId}): the peak becomes today's equity and the day's losses
     * so far are forgiven. A reset already acknowledged is ignored, so seeing it again after a restart changes nothing.
     */
    public void acknowledgeReset(double equity, long resetEventId) {
        if (resetEventId != 0 && resetEventId <= acknowledgedReset) {
            return;
        }
        acknowledgedReset = Math.max(acknowledgedReset, resetEventId);
        acknowledgeReset(equity);
    }

    /** A person reset the breaker: the peak becomes today's equity and the day's losses so far are forgiven. */
    public void acknowledgeReset(double equity) {
        peakEquity = equity;
        dayBaseline = realizedToday;
        dailyTripDay = null;
        drawdownTripRequested = false;
    }

    public double peakEquity() {
        return peakEquity;
    }

    public Instant pausedUntil() {
        return pausedUntil;
    }
}
