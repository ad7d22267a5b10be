package dev.sigil.fleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sigil.fleet.core.research.EquityPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurvesTest {

    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");

    @Test
    void drawdownIsPercentBelowTheHighestEquitySoFar() {
        List<EquityPoint> curve = List.of(new EquityPoint(T0, 1000), new EquityPoint(T0.plusSeconds(60), 1100),
                new EquityPoint(T0.plusSeconds(120), 990), new EquityPoint(T0.plusSeconds(180), 1200));

        assertThat(Curves.drawdownPct(curve)).extracting(point -> Math.round(point.value() * 1e9) / 1e9).containsExactly(0.0, 0.0, -10.0, 0.0);
    }

    @Test
    void aMonthOfMinutesIsThinnedToTheLimitKeepingTheEndsTheCrashAndTheSpike() {
        List<Curves.Point> minutes = new ArrayList<>();
        for (int i = 0; i < 43_200; i++) {
            double value = i == 20_000 ? 500 : i == 30_000 ? 2000 : 1000 + Math.sin(i / 100.0);
            minutes.add(new Curves.Point(T0.plusSeconds(60L * i), value));
        }

        List<Curves.Point> thinned = Curves.minMax(minutes, 2000);

        assertThat(thinned).hasSizeLessThanOrEqualTo(2000).hasSizeGreaterThan(1900);
        assertThat(thinned.getFirst()).isEqualTo(minutes.getFirst());
        assertThat(thinned.getLast()).isEqualTo(minutes.getLast());
        assertThat(thinned).contains(minutes.get(20_000), minutes.get(30_000));
        assertThat(thinned).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
        assertThat(thinned.stream().mapToDouble(Curves.Point::value).min().orElseThrow()).isCloseTo(500, within(1e-9));
    }

    @Test
    void aShortCurveIsKeptWhole() {
        List<Curves.Point> points = List.of(new Curves.Point(T0, 1), new Curves.Point(T0.plusSeconds(1), 2));

        assertThat(Curves.minMax(points, 2000)).isEqualTo(points);
        assertThat(Curves.drawdownPct(List.of())).isEmpty();
    }
}
