package dev.sigil.fleet.core.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapedMarketTest {

    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final int MINUTES = 60 * 24 * 60;

    private static List<Candle> minutes(long seed, String symbol, int count) {
        ShapedMarket market = new ShapedMarket(seed, symbol, Duration.ofMinutes(1), START);
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            candles.add(market.next());
        }
        return candles;
    }

    @Test
    void theSameSeedGivesTheSameCandlesAndAnotherSeedOthers() {
        assertThat(minutes(3, "BTCUSDT", 5_000)).isEqualTo(minutes(3, "BTCUSDT", 5_000));
        assertThat(minutes(4, "BTCUSDT", 5_000)).isNotEqualTo(minutes(3, "BTCUSDT", 5_000));
    }

    @Test
    void sixtyDaysHaveGapsCrashesAndTheSymbolsVolatilityOnAverage() {
        List<Candle> candles = minutes(11, "SOLUSDT", MINUTES);
        long gaps = candles.stream().filter(candle -> candle == null).count();
        List<Candle> published = candles.stream().filter(candle -> candle != null).toList();
        assertThat(gaps).as("minutes without a candle").isBetween(5L, 2_000L);
        int crashes = 0;
        for (int i = 30; i < published.size(); i += 30) {
            if (published.get(i).close() < published.get(i - 30).close() * 0.94) {
                crashes++;
            }
        }
        assertThat(crashes).as("half hours that fell by more than 6 %").isBetween(1, 40);
        double sum = 0;
        int hours = 0;
        for (int i = 60; i < published.size(); i += 60) {
            double r = Math.log(published.get(i).close() / published.get(i - 60).close());
            sum += r * r;
            hours++;
        }
        double hourlyVolatilityPct = Math.sqrt(sum / hours) * 100;
        // SOLUSDT's profile is 0.60 % an hour of plain diffusion; trends, fat tails, crashes and the volatility they leave
        // behind (clustering) make the shaped market wilder, as a real one is than its calm stretches: one to four times it
        assertThat(hourlyVolatilityPct).isBetween(0.6, 2.4);
        assertThat(published).allSatisfy(candle -> assertThat(candle.high()).isGreaterThanOrEqualTo(Math.max(candle.open(), candle.close())));
        assertThat(published).allSatisfy(candle -> assertThat(candle.low()).isLessThanOrEqualTo(Math.min(candle.open(), candle.close())));
    }

    @Test
    void theOpenTimeMovesOnThroughAGap() {
        ShapedMarket market = new ShapedMarket(11, "SOLUSDT", Duration.ofMinutes(1), START);
        for (int i = 0; i < MINUTES; i++) {
            Instant expected = START.plus(Duration.ofMinutes(i));
            assertThat(market.nextOpenTime()).isEqualTo(expected);
            Candle candle = market.next();
            if (candle != null) {
                assertThat(candle.openTime()).isEqualTo(expected);
            }
        }
    }
}
