package dev.sigil.fleet.core.fill;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.PaperSettings;
import dev.sigil.fleet.core.exit.ExitRules;

/**
 * How paper fills are priced. Entries fill at the signal candle's close plus slippage; a stop fills at the lower
 * of the stop and the candle's open (a gap through the stop fills at the open) less slippage; a time exit at the
 * close less slippage. A taker fee is paid on the notional of both sides.
 */
public final class PaperFills {

    private final double slippage;
    private final double fee;

    public PaperFills(PaperSettings settings) {
        this.slippage = settings.slippagePct() / 100;
        this.fee = settings.feePct() / 100;
    }

    public double entryPrice(double close) {
        return close * (1 + slippage);
    }

    public double stopExitPrice(double stopPrice, double candleOpen) {
        return Math.min(stopPrice, candleOpen) * (1 - slippage);
    }

    public double closeExitPrice(double close) {
        return close * (1 - slippage);
    }

    /** The fill of an exit triggered on {@code candle}: a stop at the lower of its level and the open, a time exit at the close. */
    public double exitPrice(ExitRules.Trigger trigger, Candle candle) {
        return switch (trigger.reason()) {
            case HARD_STOP, ATR_TRAIL -> stopExitPrice(trigger.level(), candle.open());
            case TIME_EXIT -> closeExitPrice(candle.close());
        };
    }

    public double fee(double notional) {
        return notional * fee;
    }

    public static double realizedPnl(double entryPrice, double exitPrice, double qty, double entryFee, double exitFee) {
        return (exitPrice - entryPrice) * qty - entryFee - exitFee;
    }
}
