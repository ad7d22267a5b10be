package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.indicator.Atr;
import dev.sigil.fleet.core.indicator.Ema;
import dev.sigil.fleet.core.indicator.Rsi;
import dev.sigil.fleet.core.marketdata.SyntheticMarket;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;

/**
 * The per-candle cost of the strategy's indicators — EMA(9), EMA(21), RSI(14), ATR(14) updated and read once per
 * closed candle — with the engine's incremental classes and with ta4j (DoubleNum, series capped at 500 bars).
 */
final class IndicatorBench {

    /** Nanoseconds and heap bytes allocated per candle. */
    record Cost(double nanosPerCandle, double bytesPerCandle, double checksum) {
    }

    private IndicatorBench() {
    }

    static Candle[] candles(int count) {
        SyntheticMarket market = new SyntheticMarket(7, "BTCUSDT", Duration.ofHours(1), Instant.parse("2020-01-01T00:00:00Z"));
        Candle[] candles = new Candle[count];
        for (int i = 0; i < count; i++) {
            candles[i] = market.next();
        }
        return candles;
    }

    static Cost engine(Candle[] candles) {
        return measure(() -> {
            Ema fast = new Ema(9);
            Ema slow = new Ema(21);
            Rsi rsi = new Rsi(14);
            Atr atr = new Atr(14);
            double sum = 0;
            for (Candle candle : candles) {
                fast.update(candle.close());
                slow.update(candle.close());
                rsi.update(candle.close());
                atr.update(candle.high(), candle.low(), candle.close());
                if (atr.ready()) {
                    sum += fast.value() - slow.value() + rsi.value() + atr.value();
                }
            }
            return sum;
        }, candles.length);
    }

    static Cost ta4j(Candle[] candles) {
        return measure(() -> {
            BarSeries series = new BaseBarSeriesBuilder().withName("BTCUSDT").withNumFactory(DoubleNumFactory.getInstance())
                    .withMaxBarCount(500).build();
            ClosePriceIndicator close = new ClosePriceIndicator(series);
            EMAIndicator fast = new EMAIndicator(close, 9);
            EMAIndicator slow = new EMAIndicator(close, 21);
            RSIIndicator rsi = new RSIIndicator(close, 14);
            ATRIndicator atr = new ATRIndicator(series, 14);
            double sum = 0;
            for (int i = 0; i < candles.length; i++) {
                Candle candle = candles[i];
                series.barBuilder().timePeriod(Duration.ofHours(1)).endTime(candle.closeTime()).openPrice(candle.open())
                        .highPrice(candle.high()).lowPrice(candle.low()).closePrice(candle.close()).volume(candle.volume()).add();
                int end = series.getEndIndex();
                if (i >= 14) {
                    sum += fast.getValue(end).doubleValue() - slow.getValue(end).doubleValue()
                            + rsi.getValue(end).doubleValue() + atr.getValue(end).doubleValue();
                }
            }
            return sum;
        }, candles.length);
    }

    private interface Work {
        double run();
    }

    private static Cost measure(Work work, int candles) {
        work.run();
        work.run();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        double checksum = 0;
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            checksum += work.run();
        }
        long nanos = System.nanoTime() - start;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        return new Cost((double) nanos / rounds / candles, (double) allocated / rounds / candles, checksum);
    }
}
