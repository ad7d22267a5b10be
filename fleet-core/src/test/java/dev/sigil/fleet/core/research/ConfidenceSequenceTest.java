package dev.sigil.fleet.core.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfidenceSequenceTest {

    @Test
    void lambertsLowerBranchSolvesItsEquation() {
        for (double x : new double[] {-1 / Math.E + 1e-12, -0.3, -0.1, -1e-3, -9.2e-4, -1e-8}) {
            double w = ConfidenceSequence.LambertW.minusOneBranch(x);
            assertThat(w).as("W₋₁(%s)", x).isLessThanOrEqualTo(-1 + 1e-5);
            assertThat(w * Math.exp(w)).as("w·eʷ for x = %s", x).isCloseTo(x, within(Math.abs(x) * 1e-9));
        }
    }

    /**
     * The boundary computed another way: the normal mixture martingale itself, ∫ exp(λS − λ²σ²n/2) N(λ; 0, ρ²/σ²) dλ,
     * integrated numerically, and the sum S at which it reaches 1/α found by bisection. The closed form must agree.
     */
    @Test
    void theHalfWidthIsWhereTheMixtureMartingaleReachesOneOverAlpha() {
        double alpha = 0.05;
        int planned = 200;
        ConfidenceSequence sequence = new ConfidenceSequence(alpha, planned);
        double rho2 = 8.2127 / planned; // (−W₋₁(−α² e^(α²−1)) − 1) / planned, α = 0.05, to four decimals
        for (int n : new int[] {2, 30, 200, 5_000}) {
            for (double sd : new double[] {0.3, 1.7}) {
                double low = 0;
                double high = 100 * sd * Math.sqrt(n);
                for (int i = 0; i < 200; i++) {
                    double middle = (low + high) / 2;
                    if (mixture(middle, n, sd, rho2) < 1 / alpha) {
                        low = middle;
                    } else {
                        high = middle;
                    }
                }
                assertThat(sequence.halfWidth(n, sd)).as("n %d, sd %s", n, sd).isCloseTo(low / n, within(low / n * 2e-4));
            }
        }
    }

    private static double mixture(double sum, int n, double sd, double rho2) {
        // λ ~ N(0, ρ²/σ²): the mixing of the boundary with ρ in units of the standard deviation
        double spread = Math.sqrt(rho2) / sd;
        int steps = 40_000;
        double from = -12 * spread;
        double step = 24 * spread / steps;
        double total = 0;
        for (int i = 0; i <= steps; i++) {
            double lambda = from + i * step;
            double weight = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            double density = Math.exp(-lambda * lambda / (2 * spread * spread)) / (spread * Math.sqrt(2 * Math.PI));
            total += weight * Math.exp(lambda * sum - lambda * lambda * sd * sd * n / 2) * density;
        }
        return total * step / 3;
    }

    @Test
    void atItsPlannedSizeTheIntervalIsAboutOnePointSixTimesAFixedOne() {
        ConfidenceSequence sequence = new ConfidenceSequence(0.05, 200);
        double fixed = 1.959964 / Math.sqrt(200);

        assertThat(sequence.halfWidth(200, 1) / fixed).isBetween(1.5, 1.7);
        assertThat(sequence.halfWidth(1, 1)).isInfinite();
        assertThat(sequence.halfWidth(400, 1)).isLessThan(sequence.halfWidth(200, 1));
    }

    @Test
    void observationsForIsTheFirstSizeWhoseIntervalIsNarrowEnough() {
        ConfidenceSequence sequence = new ConfidenceSequence(0.05, 200);

        int n = sequence.observationsFor(0.1, 0.8);

        assertThat(sequence.halfWidth(n, 0.8)).isLessThanOrEqualTo(0.1);
        assertThat(sequence.halfWidth(n - 1, 0.8)).isGreaterThan(0.1);
        assertThat(sequence.observationsFor(0, 0.8)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theRunningMeanAgreesWithTheTwoPassFormulas() {
        SplittableRandom random = new SplittableRandom(5);
        double[] values = new double[1000];
        ConfidenceSequence.RunningMean running = new ConfidenceSequence.RunningMean();
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e6 + random.nextDouble() * 3;
            running.add(values[i]);
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double squares = java.util.Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum();

        assertThat(running.mean()).isCloseTo(mean, within(1e-7));
        assertThat(running.sd()).isCloseTo(Math.sqrt(squares / 999), within(1e-9));
    }
}
