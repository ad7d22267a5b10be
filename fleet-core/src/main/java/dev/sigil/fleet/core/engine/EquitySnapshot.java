package dev.sigil.fleet.core.engine;

import java.time.Instant;

/** Equity = starting balance + realized P&L + mark-to-market of open positions, at a tick. */
public record EquitySnapshot(Instant at, double equity, double realizedPnl, int openPositions) {
}
