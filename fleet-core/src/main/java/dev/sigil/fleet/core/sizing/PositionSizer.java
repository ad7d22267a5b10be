package dev.sigil.fleet.core.sizing;

import dev.sigil.fleet.core.config.PaperSettings;
import dev.sigil.fleet.core.config.SizingSettings;

/**
 * Constant-dollar-risk sizing: {@code qty = risk_per_trade_usd / (stop_pct × entry_price)}, so a hard-stop hit
 * loses about the same dollars whatever the volatility; the notional is capped at {@code max_position_usd}. With
 * {@code risk_per_trade_usd: 0} the notional is {@code position_pct} of equity (also capped). An entry below the
 * exchange's minimum notional, or that the free cash cannot pay (notional + fee), is rejected with its reason.
 */
public final class PositionSizer {

    /** A sized entry, or the reason there is none. */
    public record Sizing(double qty, double notional, String rejectReason) {
        public boolean accepted() {
            return rejectReason == null;
        }

        static Sizing rejected(String reason) {
            return new Sizing(0, 0, reason);
        }
    }

    public static final String BELOW_MIN_NOTIONAL = "below_min_notional";
    public static final String INSUFFICIENT_BALANCE = "insufficient_balance";

    private final SizingSettings sizing;
    private final PaperSettings paper;

    public PositionSizer(SizingSettings sizing, PaperSettings paper) {
        this.sizing = sizing;
        this.paper = paper;
    }

    /**
     * @param entryPrice the entry fill price
     * @param stopPct the hard-stop distance as a fraction of the entry price
     * @param equity the account's equity now (for the position_pct fallback)
     * @param freeCash cash not tied up in open positions
     */
    public Sizing size(double entryPrice, double stopPct, double equity, double freeCash) {
        double notional = sizing.riskPerTradeUsd() > 0
                ? sizing.riskPerTradeUsd() / stopPct
                : equity * sizing.positionPct() / 100;
        notional = Math.min(notional, sizing.maxPositionUsd());
        if (notional < paper.minNotionalUsd() || notional <= 0) {
            return Sizing.rejected(BELOW_MIN_NOTIONAL);
        }
        if (notional * (1 + paper.feePct() / 100) > freeCash) {
            return Sizing.rejected(INSUFFICIENT_BALANCE);
        }
        return new Sizing(notional / entryPrice, notional, null);
    }
}
