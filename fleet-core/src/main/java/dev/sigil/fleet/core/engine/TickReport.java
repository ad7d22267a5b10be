package dev.sigil.fleet.core.engine;

import java.time.Instant;

/** What one tick did: for the heartbeat, the metrics and the logs. {@code newestCandle} is null if none came. */
public record TickReport(long tick, Instant marketTime, int candlesAccepted, int candlesRejected, Instant newestCandle,
                         int entries, int exits, int openPositions, double equity, double realizedPnl, int ledgerFailures) {
}
