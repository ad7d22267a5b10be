package dev.sigil.fleet.core.research;

import java.time.Instant;

/**
 * One closed position as research reads it.
 *
 * @param initialRisk what the position stood to lose at entry: (entry − hard stop) × quantity, USD (R)
 * @param stopDistancePct the hard stop's distance from the entry, percent
 */
public record ClosedTrade(String symbol, Instant entryTime, Instant exitTime, String exitReason, double realizedPnl, double initialRisk,
                          double stopDistancePct) {

    /** The trade's result in R (multiples of its initial risk); NaN without a risk. */
    public double rMultiple() {
        return initialRisk > 0 ? realizedPnl / initialRisk : Double.NaN;
    }
}
