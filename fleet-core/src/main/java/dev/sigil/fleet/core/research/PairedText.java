package dev.sigil.fleet.core.research;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paired comparison in words, as {@code fleet compare}, the report and the digest say it: each design with where its
 * figure comes from and how many pairs it has, the verdict, and the digest's one line on where the answer stands.
 */
public final class PairedText {

    /** How R is counted, said once wherever R figures are shown. */
    public static final String R_DEFINITION = "R = realized P&L after fees ÷ initial risk, (entry − initial hard stop) × quantity";

    private PairedText() {
    }

    /** What a design is, in a few words. */
    public static String describe(String design) {
        return switch (design) {
            case PairedComparison.SHADOW -> "shadow pairs (one entry, both exits on the same candles)";
            case PairedComparison.SHARED -> "shared entries (two variants' positions on the same signal candle)";
            case PairedComparison.PORTFOLIO -> "portfolio days (daily return in % of equity, paired by UTC day; shown, not judged)";
            default -> design;
        };
    }

    /** One design's figure: "212 entries (428 copies dropped): +0.131 R/trade (95 % CI 0.052…0.210)", or why there is none. */
    public static String figure(PairedComparison.Design design) {
        if (design == null) {
            return "-";
        }
        String count = design.pairs() + (design.unit().endsWith("/day") ? (design.pairs() == 1 ? " day" : " days")
                : design.pairs() == 1 ? " entry" : " entries");
        String dropped = design.duplicates() == 0 ? "" : " (" + design.duplicates() + " taken by several runners, counted once)";
        if (design.pairs() == 0) {
            return "no pairs";
        }
        ConfidenceSequence.Interval interval = design.interval();
        String range = Double.isInfinite(interval.low()) ? "95 % CI needs 2 or more"
                : String.format(Locale.ROOT, "95 %% CI %s…%s", number(interval.low()), number(interval.high()));
        return String.format(Locale.ROOT, "%s%s: %s %s (%s)", count, dropped, signed(interval.mean()), design.unit(), range);
    }

    /** The lines of one pair of arms: each design, then the verdict. */
    public static List<String> lines(PairedComparison.ArmPair pair) {
        List<String> lines = new ArrayList<>();
        lines.add(pair.first() + " vs " + pair.second() + " (" + pair.first() + " − " + pair.second() + "):");
        for (PairedComparison.Design design : java.util.Arrays.asList(pair.shadow(), pair.shared(), pair.portfolio())) {
            if (design != null) {
                lines.add("  " + describe(design.name()) + (design.name().equals(pair.verdictFrom()) ? ", the verdict's design" : "") + ": "
                        + figure(design));
            }
        }
        lines.add("verdict: " + pair.verdict().text());
        return lines;
    }

    /** The A/A noise floor of one arm's two variants, in one line. */
    public static String noiseFloor(PairedComparison.NoiseFloor floor) {
        return "A/A noise floor, " + floor.arm() + " (" + floor.first() + " vs " + floor.second() + "): shared entries " + figure(floor.shared())
                + "; portfolio days " + figure(floor.portfolio());
    }

    /**
     * The digest's line on one pair of arms: decided or not, from which design with how many pairs, the effect and its
     * interval, and about how many more pairs it takes.
     */
    public static String digestLine(String key, PairedComparison.ArmPair pair) {
        PairedVerdict verdict = pair.verdict();
        ConfidenceSequence.Interval interval = verdict.interval();
        String head = "D1 " + key + " " + pair.first() + " vs " + pair.second() + ": ";
        String source = interval.n() + " paired entries (" + pair.verdictFrom() + ")";
        if (verdict.decided()) {
            return head + "decided — " + verdict.text() + ", " + source;
        }
        if (interval.n() < 2) {
            return head + "undecided — " + source + "; " + verdict.text();
        }
        String leader = interval.mean() >= 0 ? pair.first() : pair.second();
        String more = verdict.moreNeeded() < 0 ? "" : "; about " + verdict.moreNeeded() + " more at this effect";
        return head + String.format(Locale.ROOT, "undecided — %s, %s ahead by %s R/trade (95 %% CI %s…%s)%s", source, leader,
                number(Math.abs(interval.mean())), number(interval.low()), number(interval.high()), more);
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.3f", rounded(value));
    }

    /** Three decimals, never "-0.000" (a difference of −1e-17 is no difference). */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", rounded(value));
    }

    private static double rounded(double value) {
        double rounded = Math.round(value * 1000) / 1000.0;
        return rounded == 0 ? 0.0 : rounded;
    }
}
