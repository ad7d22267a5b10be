package dev.sigil.fleet.core.config;

import java.util.ArrayList;
import java.util.List;

/** The entry strategy and its indicator periods. */
public record StrategySettings(
        @Setting(value = "entry strategy", oneOf = {"ema_cross_v001"})
        String name,
        @Setting(value = "candle interval the strategy's indicators and signals run on: base (= market.interval) or a multiple "
                + "of it, aggregated from its candles; signals only on closed candles of this interval",
                oneOf = {"base", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d"})
        String interval,
        @Setting(value = "period of the fast EMA (candles)", min = 2, max = 500)
        int emaFastPeriod,
        @Setting(value = "period of the slow EMA (candles)", min = 3, max = 500)
        int emaSlowPeriod,
        @Setting(value = "period of the RSI, Wilder smoothing (candles)", min = 2, max = 200)
        int rsiPeriod,
        @Setting(value = "no entry when RSI is at or above this", min = 1, max = 100)
        double rsiMax,
        @Setting(value = "period of the volume SMA (candles)", min = 2, max = 500)
        int volumeSmaPeriod,
        @Setting(value = "entry needs volume >= this × SMA of volume", min = 0, max = 100)
        double volumeMultiplier,
        @Setting(value = "period of the ATR, Wilder smoothing (candles)", min = 2, max = 200)
        int atrPeriod) implements CrossChecked {

    @Override
    public List<CrossProblem> crossProblems() {
        List<CrossProblem> problems = new ArrayList<>();
        if (emaFastPeriod >= emaSlowPeriod) {
            problems.add(new CrossProblem("ema_fast_period", emaFastPeriod,
                    "must be below strategy.ema_slow_period (" + emaSlowPeriod + ")"));
        }
        return problems;
    }

    /** Closed candles needed before every indicator of this strategy has a value. */
    public int candlesToWarmUp() {
        return Math.max(Math.max(emaSlowPeriod + 1, rsiPeriod + 1), Math.max(volumeSmaPeriod, atrPeriod));
    }
}
