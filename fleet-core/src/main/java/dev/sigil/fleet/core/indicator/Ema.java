package dev.sigil.fleet.core.indicator;

/**
 * Exponential moving average as TA-Lib defines it: the first value is the SMA of the first {@code period} inputs,
 * then {@code ema += (x − ema) × 2 / (period + 1)}. O(1) per update, no history kept.
 */
public final class Ema {

    private final int period;
    private final double alpha;
    private int count;
    private double sum;
    private double value = Double.NaN;

    public Ema(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("EMA period must be at least 1, got " + period);
        }
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    public void update(double x) {
        if (count < period) {
            sum += x;
            count++;
            if (count == period) {
                value = sum / period;
            }
            return;
        }
        value += (x - value) * alpha;
    }

    public boolean ready() {
        return count >= period;
    }

    /** The current value; NaN until {@link #ready()}. */
    public double value() {
        return value;
    }
}
