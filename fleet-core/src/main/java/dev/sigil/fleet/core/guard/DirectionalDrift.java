package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.GuardSettings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code directional_drift}: the universe's median return over the last ticks of {@code drift_window_seconds} (each
 * symbol's newest close now against its close that many ticks ago). Enters below −{@code drift_entry_pct};
 * recovers above −{@code drift_exit_pct}, a smaller magnitude.
 */
final class DirectionalDrift implements GuardSignal {

    private final GuardSettings settings;
    private final int windowTicks;
    private final Map<String, CloseHistory> histories = new HashMap<>();
    /** The tick's returns, reused from tick to tick (no allocation per tick). */
    private double[] returns = new double[16];
    private int count;
    /** One symbol's return into {@link #returns}; made once, so a tick's walk over the map allocates nothing. */
    private final java.util.function.BiConsumer<String, Candle> measureOne;
    private double medianReturnPct;
    private boolean measured;

    DirectionalDrift(GuardSettings settings, int windowTicks) {
        this.settings = settings;
        this.windowTicks = windowTicks;
        this.measureOne = (symbol, candle) -> {
            CloseHistory history = histories.get(symbol);
            if (history == null) {
                history = new CloseHistory(windowTicks + 1);
                histories.put(symbol, history);
            }
            history.push(candle.close());
            if (history.full()) {
                returns[count++] = (history.newest() / history.oldest() - 1) * 100;
            }
        };
    }

    @Override
    public void measure(GuardInputs inputs) {
        if (returns.length < inputs.latestCandles().size()) {
            returns = new double[inputs.latestCandles().size()];
        }
        count = 0;
        inputs.latestCandles().forEach(measureOne);
        measured = count > 0;
        medianReturnPct = measured ? AnchorSaturation.median(returns, count) : 0;
    }

    @Override
    public boolean measured() {
        return measured;
    }

    @Override
    public boolean entryHolds() {
        return measured && medianReturnPct < -settings.driftEntryPct();
    }

    @Override
    public boolean exitHolds() {
        return measured && medianReturnPct > -settings.driftExitPct();
    }

    @Override
    public void restartWindow() {
        histories.values().forEach(CloseHistory::restart);
    }

    /** Per symbol, in name order: {@code SYMBOL:size,next,close,close,...} joined by {@code ;}. */
    @Override
    public String snapshot() {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(histories).forEach((symbol, history) -> {
            text.append(text.isEmpty() ? "" : ";").append(symbol).append(':').append(history.size).append(',').append(history.next);
            for (double close : history.closes) {
                text.append(',').append(close);
            }
        });
        return text.toString();
    }

    @Override
    public void restore(String snapshot) {
        Map<String, CloseHistory> restored = new HashMap<>();
        for (String part : snapshot.isEmpty() ? new String[0] : snapshot.split(";")) {
            String[] symbolAndValues = part.split(":", 2);
            String[] values = symbolAndValues[1].split(",");
            CloseHistory history = new CloseHistory(windowTicks + 1);
            if (values.length != history.closes.length + 2) {
                return;
            }
            history.size = Integer.parseInt(values[0]);
            history.next = Integer.parseInt(values[1]);
            for (int i = 0; i < history.closes.length; i++) {
                history.closes[i] = Double.parseDouble(values[i + 2]);
            }
            restored.put(symbolAndValues[0], history);
        }
        histories.clear();
        histories.putAll(restored);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "median_return=%.3f%%", medianReturnPct);
    }

    /** A symbol's closes of the last ticks, in a ring. */
    private static final class CloseHistory {
        private final double[] closes;
        private int size;
        private int next;

        CloseHistory(int capacity) {
            this.closes = new double[capacity];
        }

        void push(double close) {
            closes[next] = close;
            next = (next + 1) % closes.length;
            size = Math.min(size + 1, closes.length);
        }

        boolean full() {
            return size == closes.length;
        }

        double newest() {
            return closes[(next - 1 + closes.length) % closes.length];
        }

        double oldest() {
            return closes[next % closes.length];
        }

        void restart() {
            double newest = newest();
            size = 0;
            next = 0;
            push(newest);
        }
    }
}
