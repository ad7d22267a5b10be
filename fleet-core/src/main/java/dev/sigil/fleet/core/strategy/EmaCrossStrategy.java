package dev.sigil.fleet.core.strategy;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.StrategySettings;
import dev.sigil.fleet.core.indicator.Ema;
import dev.sigil.fleet.core.indicator.RollingMean;
import dev.sigil.fleet.core.indicator.Rsi;
import java.util.Map;

/**
 * {@code ema_cross_v001}: long when the fast EMA crosses above the slow EMA on the just-closed candle (at or
 * below on the previous candle, above on this one), RSI is below {@code rsi_max}, and the candle's volume is at
 * least {@code volume_multiplier} × the SMA of volume over the last {@code volume_sma_period} candles (this one
 * included). Nothing fires until every indicator has a value.
 */
public final class EmaCrossStrategy implements Strategy {

    public static final String NAME = "ema_cross_v001";

    private final StrategySettings settings;

    public EmaCrossStrategy(StrategySettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SymbolStrategy forSymbol(String symbol) {
        return new PerSymbol();
    }

    private final class PerSymbol implements SymbolStrategy {
        private final Ema fast = new Ema(settings.emaFastPeriod());
        private final Ema slow = new Ema(settings.emaSlowPeriod());
        private final Rsi rsi = new Rsi(settings.rsiPeriod());
        private final RollingMean volume = new RollingMean(settings.volumeSmaPeriod());
        private double previousFast = Double.NaN;
        private double previousSlow = Double.NaN;

        @Override
        public EntrySignal onCandle(Candle candle) {
            fast.update(candle.close());
            slow.update(candle.close());
            rsi.update(candle.close());
            volume.update(candle.volume());
            double wasFast = previousFast;
            double wasSlow = previousSlow;
            previousFast = fast.value();
            previousSlow = slow.value();
            if (Double.isNaN(wasFast) || Double.isNaN(wasSlow) || !rsi.ready() || !volume.ready()) {
                return null;
            }
            boolean crossedUp = wasFast <= wasSlow && fast.value() > slow.value();
            if (!crossedUp || rsi.value() >= settings.rsiMax()) {
                return null;
            }
            double volumeRatio = volume.value() > 0 ? candle.volume() / volume.value() : 0;
            if (volumeRatio < settings.volumeMultiplier()) {
                return null;
            }
            return new EntrySignal(candle.symbol(), candle.openTime(), candle.closeTime(), candle.close(), Map.of(
                    "ema_fast", fast.value(), "ema_slow", slow.value(), "rsi", rsi.value(), "volume_ratio", volumeRatio));
        }
    }

    public static Strategy of(StrategySettings settings) {
        if (!NAME.equals(settings.name())) {
            throw new IllegalArgumentException("unknown strategy '" + settings.name() + "'");
        }
        return new EmaCrossStrategy(settings);
    }
}
