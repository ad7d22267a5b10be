package dev.sigil.fleet.core.guard;

import java.util.List;

/**
 * The ledger as the database has it, read by the runner for the wallet-truth check: realized P&L over the
 * variant's life and the open positions.
 */
public record LedgerTruth(double realizedPnl, List<OpenPosition> openPositions) {

    /** An open position row. */
    public record OpenPosition(long id, String symbol, double qty, double entryPrice, double entryFee) {
    }
}
