package dev.sigil.fleet.core.candle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleAggregatorTest {

    private static final Instant NINE = Instant.parse("2024-05-01T09:00:00Z");
    private final List<Candle> hours = new ArrayList<>();
    private final CandleAggregator hourly = new CandleAggregator(Duration.ofMinutes(1), Duration.ofHours(1));

    private static Candle minute(Instant open, double o, double h, double l, double c, double volume) {
        return new Candle("BTCUSDT", open, open.plusSeconds(60), o, h, l, c, volume, volume * c);
    }

    @Test
    void sixtyMinutesMakeOneHourAlignedToUtcWithFirstOpenMaxHighMinLowLastCloseAndSummedVolumes() {
        for (int m = 0; m < 60; m++) {
            double base = 100 + m * 0.1;
            hourly.add(minute(NINE.plusSeconds(60L * m), base, base + (m == 17 ? 5 : 0.2), base - (m == 42 ? 10 : 0.2), base + 0.05, 2), hours::add);
            if (m < 59) {
                assertThat(hours).as("nothing before the hour has closed (minute %d)", m).isEmpty();
            }
        }
        assertThat(hours).singleElement().satisfies(hour -> {
            assertThat(hour.openTime()).isEqualTo(NINE);
            assertThat(hour.closeTime()).isEqualTo(NINE.plusSeconds(3600));
            assertThat(hour.open()).isEqualTo(100);
            assertThat(hour.high()).as("minute 17's spike").isCloseTo(106.7, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(hour.low()).as("minute 42's dip").isCloseTo(94.2, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(hour.close()).as("the last minute's close").isCloseTo(105.95, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(hour.volume()).isEqualTo(120);
        });
    }

    @Test
    void anHourWithMissingMinutesClosesWhenTheNextHoursFirstMinuteArrives() {
        hourly.add(minute(NINE.plusSeconds(60L * 10), 100, 101, 99, 100, 1), hours::add);
        hourly.add(minute(NINE.plusSeconds(60L * 20), 100, 102, 98, 101, 1), hours::add);
        assertThat(hours).isEmpty();

        hourly.add(minute(NINE.plusSeconds(3600 + 60L * 5), 101, 101, 101, 101, 1), hours::add);

        assertThat(hours).singleElement().satisfies(hour -> {
            assertThat(hour.openTime()).as("aligned to the hour, not to its first minute").isEqualTo(NINE);
            assertThat(hour.high()).isEqualTo(102);
            assertThat(hour.low()).isEqualTo(98);
            assertThat(hour.close()).isEqualTo(101);
        });
    }

    @Test
    void aLoneLastMinuteClosesItsOwnHourRightAfterTheUnfinishedOneBefore() {
        hourly.add(minute(NINE.plusSeconds(60L * 30), 100, 100, 100, 100, 1), hours::add);
        hourly.add(minute(NINE.plusSeconds(3600 + 60L * 59), 105, 105, 105, 105, 1), hours::add);

        assertThat(hours).extracting(Candle::openTime).containsExactly(NINE, NINE.plusSeconds(3600));
    }

    @Test
    void theBaseIntervalPassesThroughAndAnIntervalThatIsNotAMultipleIsRefused() {
        CandleAggregator same = new CandleAggregator(Duration.ofMinutes(1), Duration.ofMinutes(1));
        Candle one = minute(NINE, 1, 1, 1, 1, 1);
        same.add(one, hours::add);
        assertThat(hours).containsExactly(one);
        assertThatThrownBy(() -> new CandleAggregator(Duration.ofMinutes(3), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CandleAggregator(Duration.ofHours(1), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    }
}
