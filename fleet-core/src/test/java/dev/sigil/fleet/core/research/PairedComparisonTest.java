package dev.sigil.fleet.core.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    /** An entry's result: {@code n} numbers the entry (one every 6 hours), so runners that took it share its time. */
    private static EntryResult result(String variant, int n, String arm, boolean shadow, double r, double stake) {
        Instant entry = T0.plusSeconds(6L * 3600 * n);
        return new EntryResult(variant, 1000L * variant.length() + n, "BTCUSDT", entry, entry.plusSeconds(3600), arm, shadow,
                r > 0 ? "atr_trail" : "hard_stop", r, r * stake);
    }

    private static List<EquityPoint> curve(double dailyPct, int days) {
        List<EquityPoint> curve = new ArrayList<>();
        double equity = 1000;
        for (int day = 0; day <= days; day++) {
            curve.add(new EquityPoint(T0.plusSeconds(86_400L * day + 3600), equity));
            equity *= 1 + dailyPct / 100;
        }
        return curve;
    }

    @Test
    void armsWithTheSameRResultsButFourTimesTheStakeAreNotCalledDifferent() {
        SplittableRandom random = new SplittableRandom(3);
        List<EntryResult> small = new ArrayList<>();
        List<EntryResult> large = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            double r = -1.05 + 2.5 * random.nextDouble();        // the same draw for the same entry: identical in R
            small.add(result("baseline", n, "1.5", false, r, 5));
            large.add(result("unhinged", n, "2.5", false, r, 20));
        }

        PairedComparison.Result result = PairedComparison.compare("exit.hard_stop_multiplier", List.of(
                new PairedComparison.VariantData("baseline", "1.5", small, curve(0.1, 30)),
                new PairedComparison.VariantData("unhinged", "2.5", large, curve(0.4, 30))), 0.05);

        PairedComparison.ArmPair pair = result.pairs().getFirst();
        assertThat(pair.verdictFrom()).isEqualTo(PairedComparison.SHARED);
        assertThat(pair.shared().pairs()).isEqualTo(300);
        assertThat(pair.verdict().kind()).isEqualTo(PairedVerdict.Kind.NO_DIFFERENCE);
        assertThat(pair.verdict().text()).startsWith("no significant difference (under 0.050 R/trade either way");
        assertThat(pair.portfolio().interval().mean()).as("the portfolios differ, and are shown, not judged").isCloseTo(-0.3, within(1e-9));
    }

    @Test
    void shadowPairsDecideAndAnEntryTakenByTwoRunnersIsCountedOnce() {
        SplittableRandom random = new SplittableRandom(4);
        List<EntryResult> baseline = new ArrayList<>();
        List<EntryResult> moderate = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            double wide = -1 + 2.2 * random.nextDouble();
            double tight = wide + 0.3 + 0.1 * random.nextGaussian();
            baseline.add(result("baseline", n, "1.5", false, tight, 5));
            baseline.add(result("baseline", n, "2.5", true, wide, 5));
            if (n % 2 == 0) {
                moderate.add(result("moderate", n, "1.5", false, tight, 7.5));
                moderate.add(result("moderate", n, "2.5", true, wide, 7.5));
            }
        }

        PairedComparison.Result result = PairedComparison.compare("exit.hard_stop_multiplier", List.of(
                new PairedComparison.VariantData("baseline", "1.5", baseline, List.of()),
                new PairedComparison.VariantData("moderate", "1.5", moderate, List.of())), 0.05);

        assertThat(result.arms()).extracting(PairedComparison.Arm::value).containsExactly("1.5", "2.5");
        assertThat(result.arms().get(1).variants()).as("a shadow-only arm has no variant of its own").isEmpty();
        PairedComparison.ArmPair pair = result.pairs().getFirst();
        assertThat(pair.verdictFrom()).isEqualTo(PairedComparison.SHADOW);
        assertThat(pair.shadow().pairs()).isEqualTo(200);
        assertThat(pair.shadow().duplicates()).isEqualTo(100);
        assertThat(pair.portfolio()).isNull();
        assertThat(pair.verdict().kind()).isEqualTo(PairedVerdict.Kind.BETTER);
        assertThat(pair.verdict().better()).isEqualTo("1.5");
        assertThat(pair.verdict().text()).matches("1\\.5 better by 0\\.\\d{3} R/trade \\(95 % CI 0\\.\\d{3}…0\\.\\d{3}\\)");
        assertThat(pair.shadow().path()).as("one look per UTC day").hasSize(50);
        assertThat(result.noiseFloors()).singleElement().satisfies(floor -> {
            assertThat(floor.first()).isEqualTo("baseline");
            assertThat(floor.shared().pairs()).isEqualTo(100);
            assertThat(floor.shared().interval().mean()).as("the same entry under the same exit").isZero();
        });
    }

    @Test
    void theMeanAndIntervalOfADesignAreThoseOfItsDifferencesInTheOrderTheyBecameKnown() {
        List<EntryResult> results = new ArrayList<>();
        double[] differences = {0.5, -0.25, 1.0, 0.0, 0.75};
        for (int n = 0; n < differences.length; n++) {
            results.add(result("a", n, "1", false, differences[n], 1));
            results.add(result("a", n, "2", true, 0, 1));
        }

        PairedComparison.Design design = PairedComparison.compare("k", List.of(new PairedComparison.VariantData("a", "1", results, List.of())), 0.05)
                .pairs().getFirst().shadow();

        ConfidenceSequence sequence = new ConfidenceSequence(0.05, PairedComparison.PLANNED_PAIRS);
        double mean = 0.4;
        double sd = Math.sqrt((0.01 + 0.4225 + 0.36 + 0.16 + 0.1225) / 4);
        assertThat(design.interval().mean()).isCloseTo(mean, within(1e-12));
        assertThat(design.interval().sd()).isCloseTo(sd, within(1e-12));
        assertThat(design.interval().high() - mean).isCloseTo(sequence.halfWidth(5, sd), within(1e-12));
    }
}
