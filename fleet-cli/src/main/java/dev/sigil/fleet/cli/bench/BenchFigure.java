package dev.sigil.fleet.cli.bench;

import java.util.Locale;

/**
 * One figure of {@code fleet bench}: the best of its repetitions, the target it is held to and how it reads.
 *
 * @param key stable name in the results file (a figure's key never changes meaning)
 * @param measure what was measured, as the table says it
 * @param value the best repetition, in {@code unit}
 * @param target the bound the figure should meet (null: none, shown for information)
 * @param detail what else the best repetition showed (median, totals), or empty
 */
record BenchFigure(String key, String measure, double value, Unit unit, Target target, String detail) {

    /** Units, and which way is better. */
    enum Unit {
        CANDLES_PER_SECOND("candles/s", true),
        NANOSECONDS("ns", false),
        BYTES("bytes", false),
        MILLISECONDS("ms", false),
        SECONDS("s", false),
        MEGABYTES("MB", false),
        /** One measurement over another measured in the same run (a floor, a baseline): ×1.00 is the floor itself. */
        RATIO("×", false);

        final String symbol;
        final boolean higherIsBetter;

        Unit(String symbol, boolean higherIsBetter) {
            this.symbol = symbol;
            this.higherIsBetter = higherIsBetter;
        }

        String format(double value) {
            return switch (this) {
                case CANDLES_PER_SECOND -> String.format(Locale.ROOT, "%,.0f %s", value, symbol);
                case NANOSECONDS, MILLISECONDS -> String.format(Locale.ROOT, "%.1f %s", value, symbol);
                case SECONDS -> String.format(Locale.ROOT, "%.2f %s", value, symbol);
                // a fraction of a byte is shown as such: "0 bytes" beside a missed target of 0 would read as a contradiction
                case BYTES -> String.format(Locale.ROOT, value > 0 && value < 0.5 ? "%.4f %s" : "%,.0f %s", value, symbol);
                case MEGABYTES -> String.format(Locale.ROOT, "%,.0f %s", value, symbol);
                case RATIO -> String.format(Locale.ROOT, "%s%.2f", symbol, value);
            };
        }

        /** The better of two repetitions. */
        double best(double a, double b) {
            return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
        }
    }

    /** A bound: at least {@code bound} for figures where higher is better, at most for the others. */
    record Target(double bound) {
    }

    static BenchFigure of(String key, String measure, double value, Unit unit, Double bound, String detail) {
        return new BenchFigure(key, measure, value, unit, bound == null ? null : new Target(bound), detail == null ? "" : detail);
    }

    String targetText() {
        return target == null ? "-" : (unit.higherIsBetter ? "≥ " : "≤ ") + unit.format(target.bound());
    }

    /** Whether the figure meets its target (true when it has none). */
    boolean met() {
        return target == null || (unit.higherIsBetter ? value >= target.bound() : value <= target.bound());
    }

    /** This figure against {@code previous}: "×1.23 better", "×0.81 worse", "same" (within 2 %). */
    String against(double previous) {
        if (!(previous > 0) || !(value > 0)) {
            return "-";
        }
        double ratio = value / previous;
        if (Math.abs(ratio - 1) < 0.02) {
            return String.format(Locale.ROOT, "×%.2f same", ratio);
        }
        boolean better = unit.higherIsBetter == ratio > 1;
        return String.format(Locale.ROOT, "×%.2f %s", ratio, better ? "better" : "WORSE");
    }
}
