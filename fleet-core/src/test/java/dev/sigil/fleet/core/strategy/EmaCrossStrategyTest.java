package dev.sigil.fleet.core.strategy;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.StrategySettings;
import dev.sigil.fleet.core.indicator.Ema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmaCrossStrategyTest {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    /** 40 candles sliding down 0.2 a candle, then climbing 0.5 a candle: EMA(9) crosses EMA(21) on the way up. */
    private static List<Double> closes() {
        List<Double> closes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            closes.add(100 - 0.2 * i);
        }
        for (int i = 1; i <= 20; i++) {
            closes.add(92.2 + 0.5 * i);
        }
        return closes;
    }

    private static int crossIndex(List<Double> closes) {
        Ema fast = new Ema(9);
        Ema slow = new Ema(21);
        double wasFast = Double.NaN;
        double wasSlow = Double.NaN;
        for (int i = 0; i < closes.size(); i++) {
            fast.update(closes.get(i));
            slow.update(closes.get(i));
            if (wasFast <= wasSlow && fast.value() > slow.value()) {
                return i;
            }
            wasFast = fast.value();
            wasSlow = slow.value();
        }
        throw new AssertionError("no cross in the series");
    }

    private static List<Integer> signalsAt(StrategySettings settings, List<Double> closes, int spikeAt, double spikeVolume) {
        SymbolStrategy strategy = new EmaCrossStrategy(settings).forSymbol("TSTUSDT");
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < closes.size(); i++) {
            double close = closes.get(i);
            double open = i == 0 ? close : closes.get(i - 1);
            double volume = i == spikeAt ? spikeVolume : 10;
            Instant openTime = T0.plusSeconds(60L * i);
            Candle candle = new Candle("TSTUSDT", openTime, openTime.plusSeconds(60), open, Math.max(open, close) + 0.1,
                    Math.min(open, close) - 0.1, close, volume, volume * close);
            EntrySignal signal = strategy.onCandle(candle);
            if (signal != null) {
                fired.add(i);
                assertThat(signal.candleTime()).isEqualTo(openTime);
                assertThat(signal.close()).isEqualTo(close);
                assertThat(signal.detail()).containsKeys("ema_fast", "ema_slow", "rsi", "volume_ratio");
            }
        }
        return fired;
    }

    @Test
    void signalsOnTheCandleWhereTheFastEmaCrossesAboveTheSlowOneOnAVolumeSpike() {
        List<Double> closes = closes();
        int cross = crossIndex(closes);

        assertThat(signalsAt(config().strategy(), closes, cross, 30)).containsExactly(cross);
    }

    @Test
    void noSignalWithoutTheVolumeSpike() {
        List<Double> closes = closes();
        int cross = crossIndex(closes);
        // volume 10 every candle: ratio 1.0 < 1.2; 12 on the cross candle: 12 / 10.1 = 1.19 < 1.2
        assertThat(signalsAt(config().strategy(), closes, cross, 10)).isEmpty();
        assertThat(signalsAt(config().strategy(), closes, cross, 12)).isEmpty();
        assertThat(signalsAt(config().strategy(), closes, cross, 13)).containsExactly(cross);
    }

    @Test
    void noSignalWhenRsiIsAtOrAboveItsMaximum() {
        List<Double> closes = closes();
        int cross = crossIndex(closes);
        assertThat(signalsAt(config("strategy.rsi_max", 40).strategy(), closes, cross, 30)).isEmpty();
    }

    @Test
    void nothingFiresBeforeEveryIndicatorIsWarm() {
        List<Double> shortRise = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            shortRise.add(i < 10 ? 100 - i : 91 + 2.0 * (i - 9));
        }
        assertThat(signalsAt(config().strategy(), shortRise, 20, 100)).isEmpty();
    }
}
