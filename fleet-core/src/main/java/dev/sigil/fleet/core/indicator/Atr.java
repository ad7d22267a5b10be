package dev.sigil.fleet.core.indicator;

/**
 * Average true range with Wilder smoothing, as TA-Lib defines it: the true range needs the previous close, so the
 * first candle only seeds it; the first ATR is the mean of the next {@code period} true ranges, then
 * {@code atr = (atr × (period − 1) + tr) / period}. (StockCharts also counts the first candle's high − low; the two
 * conventions differ in the first values only.) O(1) per update.
 */
public final class Atr {

    private final int period;
    private int ranges;
    private double previousClose = Double.NaN;
    private double value;

    public Atr(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("ATR period must be at least 1, got " + period);
        }
        this.period = period;
    }

    public void update(double high, double low, double close) {
        if (Double.isNaN(previousClose)) {
            previousClose = close;
            return;
        }
        double trueRange = Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
        previousClose = close;
        if (ranges < period) {
            value += trueRange / period;
            ranges++;
            return;
        }
        value = (value * (period - 1) + trueRange) / period;
    }

    public boolean ready() {
        return ranges >= period;
    }

    /** The current ATR, in price units; NaN until {@link #ready()}. */
    public double value() {
        return ready() ? value : Double.NaN;
    }
}
