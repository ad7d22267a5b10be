package dev.sigil.fleet.core.indicator;

/** Simple moving average over the last {@code period} inputs (a ring buffer and a running sum). O(1) per update. */
public final class RollingMean {

    private final double[] window;
    private int next;
    private int count;
    private double sum;

    public RollingMean(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + period);
        }
        this.window = new double[period];
    }

    public void update(double x) {
        if (count == window.length) {
            sum -= window[next];
        } else {
            count++;
        }
        window[next] = x;
        sum += x;
        next = (next + 1) % window.length;
        if (next == 0) {
            resum();
        }
    }

    // a running sum drifts over millions of updates; once per lap it is recomputed exactly (amortized O(1))
    private void resum() {
        double exact = 0;
        for (double value : window) {
            exact += value;
        }
        sum = exact;
    }

    public boolean ready() {
        return count == window.length;
    }

    /** The mean of the window; NaN until {@link #ready()}. */
    public double value() {
        return ready() ? sum / window.length : Double.NaN;
    }
}
