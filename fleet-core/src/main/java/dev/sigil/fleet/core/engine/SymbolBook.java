package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.CandleAggregator;
import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.indicator.Atr;
import dev.sigil.fleet.core.strategy.EntrySignal;
import dev.sigil.fleet.core.strategy.Strategy;
import dev.sigil.fleet.core.strategy.SymbolStrategy;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One symbol's indicators: the strategy on its interval's candles and the stop ATR on {@code exit.atr_interval}'s,
 * both built from the base candles; {@code pending} is the signal of the newest strategy candle closed this tick.
 */
final class SymbolBook {
    final SymbolStrategy strategy;
    final Atr atr;
    final CandleAggregator atrCandles;
    final CandleAggregator strategyCandles;
    final CandleAggregator.PriceSink toAtr;
    final Consumer<Candle> toStrategy;
    EntrySignal pending;

    SymbolBook(SymbolStrategy strategy, Atr atr, CandleAggregator atrCandles, CandleAggregator strategyCandles) {
        this.strategy = strategy;
        this.atr = atr;
        this.atrCandles = atrCandles;
        this.strategyCandles = strategyCandles;
        this.toAtr = atr::update;
        this.toStrategy = closed -> pending = strategy.onCandle(closed);
    }

    /** The book of {@code symbol} under {@code config}: its strategy, and its candles aggregated for the strategy and the stop's ATR. */
    static SymbolBook of(SigilConfig config, Strategy strategy, String symbol) {
        Duration base = Intervals.parse(config.market().interval());
        return new SymbolBook(strategy.forSymbol(symbol), new Atr(config.strategy().atrPeriod()),
                new CandleAggregator(base, Intervals.parse(config.exit().atrInterval())),
                new CandleAggregator(base, Intervals.parse(config.strategyInterval())));
    }

    void take(Candle base) {
        atrCandles.add(base, toAtr);
        strategyCandles.add(base, toStrategy);
    }
}
