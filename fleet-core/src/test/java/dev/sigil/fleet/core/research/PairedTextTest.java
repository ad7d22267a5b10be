package dev.sigil.fleet.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The digest's D1 line says where the answer stands: decided or not, from which design, how many pairs, effect and interval. */
class PairedTextTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private static PairedComparison.ArmPair pair(int entries, double gap, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EntryResult> results = new ArrayList<>();
        for (int n = 0; n < entries; n++) {
            Instant entry = T0.plusSeconds(3 * 3600L * n);
            double wide = -1 + 2 * random.nextDouble();
            results.add(new EntryResult("baseline", n, "BTCUSDT", entry, entry.plusSeconds(3600), "1.5", false, "atr_trail", wide + gap + 0.3 * random.nextGaussian(), 1));
            results.add(new EntryResult("baseline", n, "BTCUSDT", entry, entry.plusSeconds(7200), "2.5", true, "atr_trail", wide, 1));
        }
        return PairedComparison.compare("exit.hard_stop_multiplier", List.of(new PairedComparison.VariantData("baseline", "1.5", results, List.of())), 0.05)
                .pairs().getFirst();
    }

    @Test
    void aDecidedComparisonSaysWhichArmByHowMuchAndOnHowManyPairs() {
        String line = PairedText.digestLine("exit.hard_stop_multiplier", pair(300, 0.2, 1));

        assertThat(line).matches("D1 exit\\.hard_stop_multiplier 1\\.5 vs 2\\.5: decided — 1\\.5 better by 0\\.\\d{3} R/trade "
                + "\\(95 % CI 0\\.\\d{3}…0\\.\\d{3}\\), 300 paired entries \\(shadow pairs\\)");
    }

    @Test
    void anUndecidedOneSaysWhoLeadsItsIntervalAndAboutHowManyMorePairsItTakes() {
        String line = PairedText.digestLine("exit.hard_stop_multiplier", pair(40, 0.08, 2));

        assertThat(line).matches("D1 exit\\.hard_stop_multiplier 1\\.5 vs 2\\.5: undecided — 40 paired entries \\(shadow pairs\\), 1\\.5 ahead by "
                + "0\\.\\d{3} R/trade \\(95 % CI -0\\.\\d{3}…0\\.\\d{3}\\); about \\d+ more at this effect");
    }

    @Test
    void aDesignsFigureNamesItsPairsAndTheCopiesCountedOnce() {
        PairedComparison.Design design = pair(50, 0.1, 3).shadow();

        assertThat(PairedText.figure(design)).matches("50 entries: \\+0\\.\\d{3} R/trade \\(95 % CI -?0\\.\\d{3}…0\\.\\d{3}\\)");
        assertThat(PairedText.figure(null)).isEqualTo("-");
    }
}
