package dev.sigil.fleet.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticMarketDataTest {

    private static final List<String> SYMBOLS = List.of("AAAUSDT", "BBBUSDT", "CCCUSDT");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:30Z");

    @Test
    void aLiveWarmUpIsHandedOutOneTimeStepAtATimeAndTheFirstCycleGoesOnFromItsEnd() {
        SyntheticMarketData market = SyntheticMarketData.live(7, SYMBOLS, Duration.ofMinutes(1), NOW, 60);
        List<List<Candle>> steps = new ArrayList<>();

        market.history(NOW, 60, step -> steps.add(List.copyOf(step)));

        assertThat(steps).hasSize(60).allSatisfy(step -> {
            assertThat(step).extracting(Candle::symbol).containsExactlyElementsOf(SYMBOLS);
            assertThat(step).extracting(Candle::openTime).containsOnly(step.getFirst().openTime());
            assertThat(step).allSatisfy(candle -> assertThat(candle.closeTime()).isBeforeOrEqualTo(NOW));
        });
        assertThat(steps).extracting(step -> step.getFirst().openTime()).isSorted().doesNotHaveDuplicates();
        assertThat(steps.getLast().getFirst().openTime()).isEqualTo(Instant.parse("2026-12-02T09:59:00Z"));

        List<Candle> next = market.next(NOW.plus(Duration.ofMinutes(2))).candles();
        assertThat(next).extracting(Candle::openTime).as("no candle twice, none missing")
                .containsOnly(Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:01:00Z"));
        assertThat(next).hasSize(2 * SYMBOLS.size());
    }
}
