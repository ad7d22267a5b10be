package dev.sigil.fleet.session.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CycleTimesTest {

    @Test
    void medianAndP99AreTheSessionsOwnByNearestRank() {
        CycleTimes times = new CycleTimes();
        for (int i = 100; i >= 1; i--) {
            times.record(i * 1_000_000L);
        }

        assertThat(times.quantileMillis(0.5)).isEqualTo(50.0);
        assertThat(times.quantileMillis(0.99)).isEqualTo(99.0);
        assertThat(times.describe()).isEqualTo("median 50.0 ms, p99 99.0 ms over 100 cycles");
    }

    @Test
    void aSessionWithoutCyclesSaysSoAndAVeryLongOneKeepsItsFirstDurations() {
        CycleTimes times = new CycleTimes();
        assertThat(times.describe()).isEqualTo("no cycles");
        assertThat(times.quantileMillis(0.99)).isNaN();

        for (int i = 0; i < CycleTimes.LIMIT + 10; i++) {
            times.record(i < CycleTimes.LIMIT ? 2_000_000L : 1_000_000_000L);
        }
        assertThat(times.count()).isEqualTo(CycleTimes.LIMIT);
        assertThat(times.quantileMillis(0.99)).isEqualTo(2.0);
    }
}
