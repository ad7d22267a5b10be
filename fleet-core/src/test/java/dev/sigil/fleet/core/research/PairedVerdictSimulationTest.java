package dev.sigil.fleet.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verdict's numbers, proven by simulation: experiments drawn from {@link SimulatedEntries} (entries run under the
 * 1.5 and 2.5 stops by the fleet's own exit code), shifted to a known effect, looked at every day as the digest does.
 * Seeded: the figures printed are the same on every run.
 */
class PairedVerdictSimulationTest {

    private static final int EXPERIMENTS = 1_000;
    private static final int DAYS = 60;
    private static final int ENTRIES_A_DAY = 4;
    private static final double MINIMUM_EFFECT = 0.05;
    private static final ConfidenceSequence SEQUENCE = new ConfidenceSequence(PairedComparison.ALPHA, PairedComparison.PLANNED_PAIRS);

    private static double[] firsts;
    private static double[] seconds;
    private static double naturalEffect;

    @BeforeAll
    static void drawThePopulation() {
        List<SimulatedEntries.Pair> pool = SimulatedEntries.pool(4_000, 2026_12_07L);
        firsts = pool.stream().mapToDouble(SimulatedEntries.Pair::first).toArray();
        seconds = pool.stream().mapToDouble(SimulatedEntries.Pair::second).toArray();
        naturalEffect = pool.stream().mapToDouble(SimulatedEntries.Pair::difference).average().orElseThrow();
        double sdR = sd(firsts);
        double sdDifference = sd(pool.stream().mapToDouble(SimulatedEntries.Pair::difference).toArray());
        long identical = pool.stream().filter(pair -> pair.first() == pair.second()).count();
        System.out.printf(Locale.ROOT, "simulated entries: 4000, mean R 1.5 %.3f, 2.5 %.3f (natural effect %.3f R), sd of R %.3f, "
                        + "sd of the paired difference %.3f, identical under both stops %d%n",
                Arrays.stream(firsts).average().orElseThrow(), Arrays.stream(seconds).average().orElseThrow(), naturalEffect, sdR, sdDifference, identical);
    }

    /** A pair drawn from the population, its difference shifted so that the true effect is {@code effect}. */
    private static double pairedDifference(SplittableRandom random, double effect) {
        int i = random.nextInt(firsts.length);
        return firsts[i] - seconds[i] - naturalEffect + effect;
    }

    @Test
    void looked_at_daily_for_sixty_days_an_AA_pair_is_called_better_in_at_most_five_experiments_in_a_hundred() {
        SplittableRandom random = new SplittableRandom(11);
        int everBetter = 0;
        int covered = 0;
        for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
            ConfidenceSequence.RunningMean running = new ConfidenceSequence.RunningMean();
            boolean better = false;
            for (int day = 0; day < DAYS; day++) {
                for (int entry = 0; entry < ENTRIES_A_DAY; entry++) {
                    running.add(pairedDifference(random, 0));
                }
                PairedVerdict verdict = PairedVerdict.of("1.5", "2.5", SEQUENCE.interval(running), SEQUENCE, MINIMUM_EFFECT, "R/trade");
                better |= verdict.kind() == PairedVerdict.Kind.BETTER;
            }
            everBetter += better ? 1 : 0;
            ConfidenceSequence.Interval last = SEQUENCE.interval(running);
            covered += last.low() <= 0 && 0 <= last.high() ? 1 : 0;
        }
        double falseShare = (double) everBetter / EXPERIMENTS;
        double coverage = (double) covered / EXPERIMENTS;
        System.out.printf(Locale.ROOT, "A/A, %d experiments looked at daily for %d days (%d entries a day): ever called better %.1f %%; "
                + "interval covering the true difference on day %d: %.1f %%%n", EXPERIMENTS, DAYS, ENTRIES_A_DAY, falseShare * 100, DAYS, coverage * 100);

        assertThat(falseShare).isLessThanOrEqualTo(0.05);
        assertThat(coverage).isGreaterThanOrEqualTo(0.94);
    }

    @Test
    void theIntervalCoversATrueEffectOfATenthOfAnRAtAFixedHorizon() {
        SplittableRandom random = new SplittableRandom(12);
        int covered = 0;
        for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
            ConfidenceSequence.RunningMean running = new ConfidenceSequence.RunningMean();
            for (int entry = 0; entry < DAYS * ENTRIES_A_DAY; entry++) {
                running.add(pairedDifference(random, 0.1));
            }
            ConfidenceSequence.Interval interval = SEQUENCE.interval(running);
            covered += interval.low() <= 0.1 && 0.1 <= interval.high() ? 1 : 0;
        }
        double coverage = (double) covered / EXPERIMENTS;
        System.out.printf(Locale.ROOT, "true effect 0.1 R, %d experiments of %d entries: interval covering it %.1f %%%n", EXPERIMENTS,
                DAYS * ENTRIES_A_DAY, coverage * 100);

        assertThat(coverage).isGreaterThanOrEqualTo(0.94);
    }

    /**
     * A true effect of 0.1 R. The paired design: one entry, both exits, the always-valid interval looked at daily; what
     * it needs is the median number of paired entries before it names the better arm. The unpaired dollar comparison it
     * replaces: each arm its own entries at the same $5 stake (the case most favourable to dollars: at the shipped arms'
     * different stakes it answers another question), the shipped rule — a two-sided test at 5 % with at least 30 trades
     * an arm, its permutation p-value taken by the normal approximation. A fixed-sample test is valid only at the one
     * size planned in advance, so what it needs is the size at which it finds the effect in half the experiments. Looked
     * at daily instead, it stops sooner but is no longer a 5 % test: both figures are printed, with that rate.
     */
    @Test
    void withATrueEffectThePairedDesignDecidesOnAtMostAFifthOfTheTradesTheUnpairedDollarComparisonNeeds() {
        SplittableRandom random = new SplittableRandom(13);
        int experiments = 400;
        int[] paired = new int[experiments];
        int pairedWrong = 0;
        for (int experiment = 0; experiment < experiments; experiment++) {
            ConfidenceSequence.RunningMean running = new ConfidenceSequence.RunningMean();
            int n = 0;
            PairedVerdict verdict;
            do {
                for (int entry = 0; entry < ENTRIES_A_DAY; entry++) {
                    running.add(pairedDifference(random, 0.1));
                }
                n += ENTRIES_A_DAY;
                verdict = PairedVerdict.of("1.5", "2.5", SEQUENCE.interval(running), SEQUENCE, MINIMUM_EFFECT, "R/trade");
            } while (verdict.kind() != PairedVerdict.Kind.BETTER && n < 100_000);
            paired[experiment] = n;
            pairedWrong += "1.5".equals(verdict.better()) ? 0 : 1;
        }
        Arrays.sort(paired);
        int pairedMedian = paired[experiments / 2];
        int unpairedFixed = unpairedFixedSampleSize(random, experiments);
        int[] peeking = new int[experiments];
        for (int experiment = 0; experiment < experiments; experiment++) {
            peeking[experiment] = unpairedDollarTradesLookingDaily(random, 0.1, 1_000_000);
        }
        Arrays.sort(peeking);
        int horizon = 2 * unpairedFixed;
        int falseCalls = 0;
        for (int experiment = 0; experiment < experiments; experiment++) {
            falseCalls += unpairedDollarTradesLookingDaily(random, 0, horizon) < horizon ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "true effect 0.1 R, %d experiments: the paired shadow design names the better arm after a median of %d "
                        + "paired entries (the wrong arm %d times); the unpaired dollar comparison needs %d trades an arm (a fixed-sample test "
                        + "finding the effect in half the experiments: %.1f× as many); looked at daily it stops after a median of %d, but then "
                        + "calls an A/A pair better in %.0f %% of experiments within %d trades%n",
                experiments, pairedMedian, pairedWrong, unpairedFixed, (double) unpairedFixed / pairedMedian, peeking[experiments / 2],
                100.0 * falseCalls / experiments, horizon);

        assertThat(pairedWrong).isZero();
        assertThat(pairedMedian * 5).isLessThanOrEqualTo(unpairedFixed);
    }

    /** The smallest number of trades an arm (a multiple of a day's) at which the fixed-sample dollar test finds the effect in half the experiments. */
    private static int unpairedFixedSampleSize(SplittableRandom random, int experiments) {
        int low = 30;
        int high = 64;
        while (significantShare(random, high, experiments) < 0.5) {
            low = high;
            high *= 2;
        }
        while (high - low > ENTRIES_A_DAY) {
            int middle = (low + high) / 2 / ENTRIES_A_DAY * ENTRIES_A_DAY;
            if (significantShare(random, middle, experiments) >= 0.5) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }

    private static double significantShare(SplittableRandom random, int n, int experiments) {
        int significant = 0;
        for (int experiment = 0; experiment < experiments; experiment++) {
            ConfidenceSequence.RunningMean a = new ConfidenceSequence.RunningMean();
            ConfidenceSequence.RunningMean b = new ConfidenceSequence.RunningMean();
            for (int trade = 0; trade < n; trade++) {
                addUnpaired(random, a, b, 0.1);
            }
            significant += significant(a, b) ? 1 : 0;
        }
        return (double) significant / experiments;
    }

    /** Trades an arm until the dollar test first says p < 0.05, looked at daily ({@code limit} when it never does). */
    private static int unpairedDollarTradesLookingDaily(SplittableRandom random, double effect, int limit) {
        ConfidenceSequence.RunningMean a = new ConfidenceSequence.RunningMean();
        ConfidenceSequence.RunningMean b = new ConfidenceSequence.RunningMean();
        int n = 0;
        while (n < limit) {
            for (int trade = 0; trade < ENTRIES_A_DAY; trade++) {
                addUnpaired(random, a, b, effect);
            }
            n += ENTRIES_A_DAY;
            if (n >= 30 && significant(a, b)) {
                return n;
            }
        }
        return limit;
    }

    /** One trade an arm, each from its own entry, in dollars at a $5 stake; the first arm better by {@code effect} R. */
    private static void addUnpaired(SplittableRandom random, ConfidenceSequence.RunningMean a, ConfidenceSequence.RunningMean b, double effect) {
        double stake = 5;
        a.add(firsts[random.nextInt(firsts.length)] * stake);
        b.add((seconds[random.nextInt(seconds.length)] + naturalEffect - effect) * stake);
    }

    private static boolean significant(ConfidenceSequence.RunningMean a, ConfidenceSequence.RunningMean b) {
        double z = (a.mean() - b.mean()) / Math.sqrt(a.sd() * a.sd() / a.count() + b.sd() * b.sd() / b.count());
        return Math.abs(z) > 1.959964;
    }

    private static double sd(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Math.sqrt(Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum() / (values.length - 1));
    }
}
