package dev.sigil.fleet.session;

/**
 * How a session ended: the ids and reason, the ticks it ran, the account after it, and its cycle durations
 * ("median 1.2 ms, p99 3.4 ms over 120 cycles").
 */
public record SessionSummary(long sessionId, dev.sigil.fleet.core.session.EndReason endReason, long ticks, double equity, double realizedPnl, int openPositions,
                             String cycleTimes) {
}
