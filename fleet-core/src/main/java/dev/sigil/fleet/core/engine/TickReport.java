package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.guard.Mode;
import java.time.Instant;

/**
 * What one tick did: for the heartbeat, the metrics and the logs. {@code newestCandle} is null if none came;
 * {@code haltReason} is set when the tick halted the engine, with what the guard counted in {@code haltDetail} (e.g.
 * {@code anchor_saturation episodes=4}); {@code breakerTripReason} when the risk manager asks for the circuit breaker to
 * be tripped.
 *
 * <p>The engine fills one report in place every tick (a tick allocates nothing for it): the report a tick returns is
 * overwritten by the next tick. {@link #copy()} keeps one.
 */
public final class TickReport {

    private long tick;
    private Instant marketTime;
    private int candlesAccepted;
    private int candlesRejected;
    private Instant newestCandle;
    private int entries;
    private int exits;
    private int openPositions;
    private double equity;
    private double realizedPnl;
    private int ledgerFailures;
    private Mode mode;
    private String haltReason;
    private String haltDetail;
    private String breakerTripReason;

    TickReport() {
    }

    TickReport fill(long tick, Instant marketTime, int candlesAccepted, int candlesRejected, Instant newestCandle, int entries, int exits,
                    int openPositions, double equity, double realizedPnl, int ledgerFailures, Mode mode, String haltReason,
                    String haltDetail, String breakerTripReason) {
        this.tick = tick;
        this.marketTime = marketTime;
        this.candlesAccepted = candlesAccepted;
        this.candlesRejected = candlesRejected;
        this.newestCandle = newestCandle;
        this.entries = entries;
        this.exits = exits;
        this.openPositions = openPositions;
        this.equity = equity;
        this.realizedPnl = realizedPnl;
        this.ledgerFailures = ledgerFailures;
        this.mode = mode;
        this.haltReason = haltReason;
        this.haltDetail = haltDetail;
        this.breakerTripReason = breakerTripReason;
        return this;
    }

    /** This report as it stands, kept apart from the engine's (which the next tick overwrites). */
    public TickReport copy() {
        return new TickReport().fill(tick, marketTime, candlesAccepted, candlesRejected, newestCandle, entries, exits, openPositions,
                equity, realizedPnl, ledgerFailures, mode, haltReason, haltDetail, breakerTripReason);
    }

    public long tick() {
        return tick;
    }

    public Instant marketTime() {
        return marketTime;
    }

    public int candlesAccepted() {
        return candlesAccepted;
    }

    public int candlesRejected() {
        return candlesRejected;
    }

    public Instant newestCandle() {
        return newestCandle;
    }

    public int entries() {
        return entries;
    }

    public int exits() {
        return exits;
    }

    public int openPositions() {
        return openPositions;
    }

    public double equity() {
        return equity;
    }

    public double realizedPnl() {
        return realizedPnl;
    }

    public int ledgerFailures() {
        return ledgerFailures;
    }

    public Mode mode() {
        return mode;
    }

    public String haltReason() {
        return haltReason;
    }

    public String haltDetail() {
        return haltDetail;
    }

    public String breakerTripReason() {
        return breakerTripReason;
    }

    @Override
    public String toString() {
        return "TickReport[tick=" + tick + ", marketTime=" + marketTime + ", candlesAccepted=" + candlesAccepted + ", candlesRejected="
                + candlesRejected + ", newestCandle=" + newestCandle + ", entries=" + entries + ", exits=" + exits + ", openPositions="
                + openPositions + ", equity=" + equity + ", realizedPnl=" + realizedPnl + ", ledgerFailures=" + ledgerFailures + ", mode="
                + mode + ", haltReason=" + haltReason + ", haltDetail=" + haltDetail + ", breakerTripReason=" + breakerTripReason + "]";
    }
}
