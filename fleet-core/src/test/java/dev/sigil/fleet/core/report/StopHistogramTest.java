package dev.sigil.fleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopHistogramTest {

    @Test
    void theArmsShareBinsOfANiceWidthAndAStopOnTheFloorCountsInTheFloorsBin() {
        Map<String, List<Double>> distances = new LinkedHashMap<>();
        distances.put("1.5", List.of(3.0, 2.9999999999, 3.0000000001, 3.4));
        distances.put("2.5", List.of(4.1, 5.99, 6.0));

        StopHistogram histogram = StopHistogram.of(distances);

        assertThat(histogram.width()).isEqualTo(0.25);
        assertThat(histogram.lowerEdges()).hasSize(13).startsWith(3.0, 3.25).endsWith(6.0);
        assertThat(histogram.counts().get("1.5")).startsWith(3, 1).hasSize(13);
        assertThat(histogram.counts().get("2.5").get(4)).isEqualTo(1);
        assertThat(histogram.counts().get("2.5").get(12)).isEqualTo(1);
        assertThat(histogram.counts().get("2.5").stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    }

    @Test
    void aWideSpreadTakesWiderBinsAndNoStopsGiveNoBins() {
        assertThat(StopHistogram.of(Map.of("a", List.of(0.5, 30.0))).width()).isEqualTo(2);
        StopHistogram none = StopHistogram.of(Map.of("a", List.of(Double.NaN)));
        assertThat(none.lowerEdges()).isEmpty();
        assertThat(none.counts().get("a")).isEmpty();
    }

    @Test
    void allStopsAtOneDistanceMakeOneBin() {
        StopHistogram histogram = StopHistogram.of(Map.of("1.5", List.of(4.0, 4.0, 4.0)));

        assertThat(histogram.lowerEdges()).containsExactly(4.0);
        assertThat(histogram.counts().get("1.5")).containsExactly(3);
    }
}
