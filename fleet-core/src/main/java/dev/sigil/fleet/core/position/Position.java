package dev.sigil.fleet.core.position;

import java.time.Instant;

/**
 * An open long position. {@code stopPrice} is the hard stop, fixed at entry; {@code trailStopPrice} is the ATR
 * trail, NaN until the trail activates, then only ever raised; {@code highestPrice} is the highest high since
 * entry (the entry price until a later candle trades higher).
 */
public record Position(long id, String symbol, Instant entryTime, double entryPrice, double qty, double entryFee,
                       double stopPrice, double atrAtEntry, double highestPrice, double trailStopPrice) {

    public boolean trailActive() {
        return !Double.isNaN(trailStopPrice);
    }

    public double notional() {
        return entryPrice * qty;
    }

    public Position withTrail(double highest, double trail) {
        return new Position(id, symbol, entryTime, entryPrice, qty, entryFee, stopPrice, atrAtEntry, highest, trail);
    }

    /** Profit or loss if closed at {@code mark} with no exit fee: the mark-to-market part of equity. */
    public double unrealizedPnl(double mark) {
        return (mark - entryPrice) * qty - entryFee;
    }
}
