package dev.sigil.fleet.core.config;

/** Constant-dollar-risk sizing. */
public record SizingSettings(
        @Setting(value = "dollars lost if the hard stop is hit; 0 = size by sizing.position_pct of equity instead", min = 0, max = 1_000_000)
        double riskPerTradeUsd,
        @Setting(value = "largest notional of one position, dollars", min = 0, minExclusive = true, max = 10_000_000)
        double maxPositionUsd,
        @Setting(value = "notional as a percent of equity when sizing.risk_per_trade_usd is 0", min = 0, minExclusive = true, max = 100)
        double positionPct) {
}
