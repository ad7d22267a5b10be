package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.guard.Mode;
import java.time.Instant;

/**
 * What one tick did: for the heartbeat, the metrics and the logs. {@code newestCandle} is null if none came;
 * {@code haltReason} is set when the tick halted the engine, with what the guard counted in {@code haltDetail} (e.g.
 * {@code anchor_saturation episodes=4}); {@code breakerTripReason} when the risk manager asks for the circuit breaker to
 * be tripped.
 */
public record TickReport(long tick, Instant marketTime, int candlesAccepted, int candlesRejected, Instant newestCandle,
                         int entries, int exits, int openPositions, double equity, double realizedPnl, int ledgerFailures,
                         Mode mode, String haltReason, String haltDetail, String breakerTripReason) {
}
