package dev.sigil.fleet.core.indicator;

/**
 * Relative strength index with Wilder smoothing, as TA-Lib defines it: the first average gain and loss are the
 * simple means of the first {@code period} close-to-close changes (so the first value needs {@code period + 1}
 * closes), then {@code avg = (avg × (period − 1) + change) / period}. RSI = 100 × avgGain / (avgGain + avgLoss),
 * 0 when the market did not move at all. O(1) per update.
 */
public final class Rsi {

    private final int period;
    private int changes;
    private double previousClose = Double.NaN;
    private double averageGain;
    private double averageLoss;

    public Rsi(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("RSI period must be at least 2, got " + period);
        }
        this.period = period;
    }

    public void update(double close) {
        if (Double.isNaN(previousClose)) {
            previousClose = close;
            return;
        }
        double change = close - previousClose;
        previousClose = close;
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        if (changes < period) {
            averageGain += gain / period;
            averageLoss += loss / period;
            changes++;
            return;
        }
        averageGain = (averageGain * (period - 1) + gain) / period;
        averageLoss = (averageLoss * (period - 1) + loss) / period;
    }

    public boolean ready() {
        return changes >= period;
    }

    /** The current RSI in [0, 100]; NaN until {@link #ready()}. */
    public double value() {
        if (!ready()) {
            return Double.NaN;
        }
        double total = averageGain + averageLoss;
        return total == 0 ? 0 : 100 * averageGain / total;
    }
}
