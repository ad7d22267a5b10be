package dev.sigil.fleet.core.research;

/**
 * An always-valid confidence sequence for a mean: intervals that hold the true mean at every sample size at once with
 * probability at least {@code 1 − alpha}, so they may be looked at after every new observation (every day, every
 * digest) without the false verdicts that repeated looks at a fixed-sample interval make. The boundary is the two-sided
 * normal (conjugate) mixture of Robbins, with the running sample variance in place of the true one: the asymptotic
 * confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas ("Time-uniform central limit theory and
 * asymptotic confidence sequences", Annals of Statistics 2024, Theorem 2.2). Its mixing parameter is chosen for the
 * sample size at which the interval is to be tightest ({@code plannedN}); it is valid at every other size too, only
 * a little wider there.
 *
 * <p>At its planned size the interval is about 1.6 times as wide as a fixed-sample 95 % interval: the price of being
 * allowed to look every day.
 */
public final class ConfidenceSequence {

    private final double alpha;
    private final double rho2;

    /**
     * @param alpha the chance, over all sample sizes together, that the interval ever misses the true mean (0.05: 95 %)
     * @param plannedN the sample size at which the interval is tightest
     */
    public ConfidenceSequence(double alpha, int plannedN) {
        if (!(alpha > 0 && alpha < 1) || plannedN < 1) {
            throw new IllegalArgumentException("alpha must be in (0, 1) and plannedN ≥ 1 (given " + alpha + ", " + plannedN + ")");
        }
        this.alpha = alpha;
        // the exact optimum of the boundary's width at plannedN (Waudby-Smith et al., section 2.5)
        this.rho2 = (-LambertW.minusOneBranch(-alpha * alpha * Math.exp(alpha * alpha - 1)) - 1) / plannedN;
    }

    public double alpha() {
        return alpha;
    }

    /**
     * Half the interval's width after {@code n} observations with standard deviation {@code sd}: the estimate ± this
     * holds the true mean. Infinite below two observations.
     */
    public double halfWidth(int n, double sd) {
        if (n < 2 || Double.isNaN(sd)) {
            return Double.POSITIVE_INFINITY;
        }
        double grown = n * rho2 + 1;
        return sd * Math.sqrt(2 * grown * Math.log(Math.sqrt(grown) / alpha) / ((double) n * n * rho2));
    }

    /**
     * How many observations in all the interval needs before it is narrower than {@code halfWidth} with this standard
     * deviation ({@link Integer#MAX_VALUE} when never, e.g. a half-width of 0).
     */
    public int observationsFor(double halfWidth, double sd) {
        if (!(halfWidth > 0) || Double.isNaN(sd)) {
            return Integer.MAX_VALUE;
        }
        if (sd == 0) {
            return 2;
        }
        long high = 2;
        while (halfWidth(high > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) high, sd) > halfWidth) {
            if (high >= Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
            high *= 2;
        }
        // the width falls with n from a few observations on: bisect between high/2 and high
        long low = Math.max(2, high / 2);
        while (low < high) {
            long middle = (low + high) / 2;
            if (halfWidth((int) middle, sd) > halfWidth) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return (int) high;
    }

    /** The interval over the first {@code n} values. */
    public Interval over(double[] values, int n) {
        RunningMean running = new RunningMean();
        for (int i = 0; i < n; i++) {
            running.add(values[i]);
        }
        return interval(running);
    }

    /** The interval after the values {@code running} has seen. */
    public Interval interval(RunningMean running) {
        double half = halfWidth(running.count(), running.sd());
        return new Interval(running.count(), running.mean(), running.sd(), running.mean() - half, running.mean() + half);
    }

    /** One look: how many observations, their mean and standard deviation, and the interval around the mean. */
    public record Interval(int n, double mean, double sd, double low, double high) {

        /** Whether the whole interval lies above (1) or below (−1) zero; 0 when it holds zero. */
        public int sign() {
            return low > 0 ? 1 : high < 0 ? -1 : 0;
        }

        /** Whether the whole interval lies strictly inside (−bound, bound). */
        public boolean within(double bound) {
            return low > -bound && high < bound;
        }
    }

    /** Mean and sample variance by Welford's update, one value at a time (no array kept). */
    public static final class RunningMean {
        private int count;
        private double mean;
        private double squares;

        public void add(double value) {
            count++;
            double delta = value - mean;
            mean += delta / count;
            squares += delta * (value - mean);
        }

        public int count() {
            return count;
        }

        public double mean() {
            return count == 0 ? Double.NaN : mean;
        }

        public double sd() {
            return count < 2 ? Double.NaN : Math.sqrt(Math.max(0, squares / (count - 1)));
        }
    }

    /** The lower branch W₋₁ of Lambert's W (w·eʷ = x, w ≤ −1), for x in [−1/e, 0). */
    static final class LambertW {
        private LambertW() {
        }

        static double minusOneBranch(double x) {
            if (!(x >= -1 / Math.E && x < 0)) {
                throw new IllegalArgumentException("W₋₁ is defined on [−1/e, 0): " + x);
            }
            // start from the asymptotic expansion, then Halley's iteration
            double l1 = Math.log(-x);
            double w = x > -0.25 ? l1 - Math.log(-l1) : -1 - Math.sqrt(2 * (1 + Math.E * x));
            for (int i = 0; i < 50; i++) {
                double e = Math.exp(w);
                double f = w * e - x;
                double step = f / (e * (w + 1) - (w + 2) * f / (2 * w + 2));
                w -= step;
                if (Math.abs(step) < 1e-14 * Math.abs(w)) {
                    break;
                }
            }
            return w;
        }
    }
}
