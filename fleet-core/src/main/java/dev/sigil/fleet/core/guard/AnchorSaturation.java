package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.GuardSettings;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code anchor_saturation}: how far closes sit from their candle's VWAP (quote volume / volume), as the median
 * over the universe of |close − VWAP| / VWAP in basis points. Enters when the bias exceeds the entry level on more
 * than the entry share of the window's ticks; the exit needs the bias above the (lower) exit level on less than
 * the (lower) exit share.
 */
final class AnchorSaturation implements GuardSignal {

    private final GuardSettings settings;
    private final double[] window;
    /** The tick's biases, reused from tick to tick (no allocation per tick). */
    private double[] biases = new double[16];
    private int count;
    /** One symbol's bias into {@link #biases}; made once, so a tick's walk over the map allocates nothing. */
    private final java.util.function.BiConsumer<String, Candle> measureOne = (symbol, candle) -> {
        if (candle.volume() > 0 && candle.quoteVolume() > 0) {
            double vwap = candle.quoteVolume() / candle.volume();
            biases[count++] = Math.abs(candle.close() - vwap) / vwap * 10_000;
        }
    };
    private int size;
    private int next;
    private double current;
    private boolean measured;

    AnchorSaturation(GuardSettings settings, int windowTicks) {
        this.settings = settings;
        this.window = new double[windowTicks];
    }

    @Override
    public void measure(GuardInputs inputs) {
        if (biases.length < inputs.latestCandles().size()) {
            biases = new double[inputs.latestCandles().size()];
        }
        count = 0;
        inputs.latestCandles().forEach(measureOne);
        measured = count > 0;
        if (measured) {
            current = median(biases, count);
            push(current);
        }
    }

    private void push(double bias) {
        window[next] = bias;
        next = (next + 1) % window.length;
        size = Math.min(size + 1, window.length);
    }

    /** The median of the first {@code count} values, which are sorted in place. */
    static double median(double[] values, int count) {
        Arrays.sort(values, 0, count);
        return count % 2 == 1 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
    }

    private double shareAbove(double bps) {
        int above = 0;
        for (int i = 0; i < size; i++) {
            if (window[i] > bps) {
                above++;
            }
        }
        return size == 0 ? 0 : (double) above / size;
    }

    @Override
    public boolean measured() {
        return measured;
    }

    @Override
    public boolean entryHolds() {
        return measured && shareAbove(settings.anchorEntryBps()) > settings.anchorEntryFractionPct() / 100;
    }

    @Override
    public boolean exitHolds() {
        return measured && shareAbove(settings.anchorExitBps()) < settings.anchorExitFractionPct() / 100;
    }

    @Override
    public void restartWindow() {
        size = 0;
        next = 0;
        if (measured) {
            push(current);
        }
    }

    /** {@code size,next,current} then the window's values, ring order. */
    @Override
    public String snapshot() {
        StringBuilder text = new StringBuilder().append(size).append(',').append(next).append(',').append(current);
        for (double value : window) {
            text.append(',').append(value);
        }
        return text.toString();
    }

    @Override
    public void restore(String snapshot) {
        String[] parts = snapshot.split(",");
        if (parts.length != window.length + 3) {
            return;
        }
        size = Integer.parseInt(parts[0]);
        next = Integer.parseInt(parts[1]);
        current = Double.parseDouble(parts[2]);
        for (int i = 0; i < window.length; i++) {
            window[i] = Double.parseDouble(parts[i + 3]);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "bias=%.2fbps hot=%.0f%%", current, shareAbove(settings.anchorEntryBps()) * 100);
    }
}
