package dev.sigil.fleet.core.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.CandleGate;
import dev.sigil.fleet.core.indicator.Atr;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void sameSeedGivesTheSameCandlesAndAnotherSeedDoesNot() {
        SyntheticMarket a = new SyntheticMarket(7, "BTCUSDT", Duration.ofMinutes(1), START);
        SyntheticMarket b = new SyntheticMarket(7, "BTCUSDT", Duration.ofMinutes(1), START);
        SyntheticMarket c = new SyntheticMarket(8, "BTCUSDT", Duration.ofMinutes(1), START);
        Candle last = null;
        for (int i = 0; i < 1000; i++) {
            last = a.next();
            assertThat(b.next()).isEqualTo(last);
        }
        for (int i = 0; i < 999; i++) {
            c.next();
        }
        assertThat(c.next()).isNotEqualTo(last);
    }

    @Test
    void everyCandleIsSaneAndFollowsTheLastWithoutGaps() {
        SyntheticMarket market = new SyntheticMarket(1, "TSTUSDT", Duration.ofMinutes(1), START);
        CandleGate gate = new CandleGate(Duration.ofMinutes(1));
        for (int i = 0; i < 50_000; i++) {
            assertThat(gate.check(market.next())).isEqualTo(new CandleGate.Verdict(true, null, 0));
        }
    }

    @Test
    void memeCoinHourlyAtrIsTwoAndAHalfToFourPercentOfPrice() {
        SyntheticMarket market = new SyntheticMarket(42, "TSTUSDT", Duration.ofHours(1), START);
        Atr atr = new Atr(14);
        double sum = 0;
        int samples = 0;
        for (int i = 0; i < 24 * 120; i++) {
            Candle candle = market.next();
            atr.update(candle.high(), candle.low(), candle.close());
            if (atr.ready()) {
                sum += atr.value() / candle.close();
                samples++;
            }
        }
        assertThat(sum / samples * 100).isBetween(2.5, 4.0);
    }

    @Test
    void majorsMoveFarLessThanTheMemeCoin() {
        double btc = meanHourlyAtrPct("BTCUSDT");
        assertThat(btc).isLessThan(1.2);
        assertThat(meanHourlyAtrPct("TSTUSDT")).isGreaterThan(2.5 * btc);
    }

    private static double meanHourlyAtrPct(String symbol) {
        SyntheticMarket market = new SyntheticMarket(3, symbol, Duration.ofHours(1), START);
        Atr atr = new Atr(14);
        double sum = 0;
        int samples = 0;
        for (int i = 0; i < 2000; i++) {
            Candle candle = market.next();
            atr.update(candle.high(), candle.low(), candle.close());
            if (atr.ready()) {
                sum += atr.value() / candle.close();
                samples++;
            }
        }
        return sum / samples * 100;
    }
}
