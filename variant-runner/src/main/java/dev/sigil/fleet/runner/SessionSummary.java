package dev.sigil.fleet.runner;

/** How a session ended: the ids and reason, the ticks it ran and the account after it. */
public record SessionSummary(long sessionId, String endReason, long ticks, double equity, double realizedPnl, int openPositions) {
}
