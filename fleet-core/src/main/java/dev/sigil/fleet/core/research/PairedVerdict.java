package dev.sigil.fleet.core.research;

import java.util.Locale;

/**
 * The verdict on one pair of arms from their paired differences (first − second, R per entry), read off an always-valid
 * {@link ConfidenceSequence}: an arm is <b>better</b> once the whole interval lies on its side of zero; there is <b>no
 * significant difference</b> once the whole interval lies inside ± the minimum effect that matters; until one of the
 * two, the evidence is <b>insufficient</b>, with about how many more paired entries it takes if the effect stays as it
 * is. No verdict before {@link #MINIMUM_PAIRS} pairs: the running standard deviation of a handful is too rough.
 *
 * @param better the better arm's name (null unless {@link Kind#BETTER})
 * @param moreNeeded about how many more pairs until a verdict at the current effect (0 once decided; -1 unknown)
 */
public record PairedVerdict(Kind kind, String better, ConfidenceSequence.Interval interval, int moreNeeded, String text) {

    /** Fewer pairs than this and there is no verdict, whatever the interval says. */
    public static final int MINIMUM_PAIRS = 30;

    public enum Kind {
        INSUFFICIENT, NO_DIFFERENCE, BETTER
    }

    /** Whether the question is answered (one arm better, or no difference that matters). */
    public boolean decided() {
        return kind != Kind.INSUFFICIENT;
    }

    /**
     * @param interval the confidence sequence's look at the differences first − second
     * @param minimumEffect the smallest difference that matters, R per entry
     * @param unit how the difference is counted, e.g. {@code R/trade}
     */
    public static PairedVerdict of(String first, String second, ConfidenceSequence.Interval interval, ConfidenceSequence sequence,
                                   double minimumEffect, String unit) {
        int n = interval.n();
        if (n >= MINIMUM_PAIRS && interval.sign() != 0) {
            boolean firstBetter = interval.sign() > 0;
            double by = Math.abs(interval.mean());
            double low = firstBetter ? interval.low() : -interval.high();
            double high = firstBetter ? interval.high() : -interval.low();
            return new PairedVerdict(Kind.BETTER, firstBetter ? first : second, interval, 0, String.format(Locale.ROOT,
                    "%s better by %s %s (95 %% CI %s…%s)", firstBetter ? first : second, PairedText.number(by), unit, PairedText.number(low),
                    PairedText.number(high)));
        }
        if (n >= MINIMUM_PAIRS && interval.within(minimumEffect)) {
            return new PairedVerdict(Kind.NO_DIFFERENCE, null, interval, 0, String.format(Locale.ROOT,
                    "no significant difference (under %s %s either way: 95 %% CI %s…%s)", PairedText.number(minimumEffect), unit,
                    PairedText.number(interval.low()), PairedText.number(interval.high())));
        }
        int more = moreNeeded(interval, sequence, minimumEffect);
        String estimate = more < 0 ? "" : String.format(Locale.ROOT, "about %d more paired entries at the current effect", more);
        String count = n < MINIMUM_PAIRS ? n + " paired entr" + (n == 1 ? "y" : "ies") + ", at least " + MINIMUM_PAIRS + " needed" : "";
        String why = String.join("; ", java.util.stream.Stream.of(count, estimate).filter(part -> !part.isEmpty()).toList());
        return new PairedVerdict(Kind.INSUFFICIENT, null, interval, more, "insufficient evidence" + (why.isEmpty() ? "" : " (" + why + ")"));
    }

    /**
     * Pairs still needed if the mean and spread stay as they are: the interval decides once its half-width is under
     * the effect (it then excludes zero) or under the minimum effect less the effect (it then sits inside ± it).
     */
    static int moreNeeded(ConfidenceSequence.Interval interval, ConfidenceSequence sequence, double minimumEffect) {
        if (interval.n() < 2 || Double.isNaN(interval.sd())) {
            return -1;
        }
        double effect = Math.abs(interval.mean());
        int total = sequence.observationsFor(Math.max(effect, minimumEffect - effect), interval.sd());
        if (total == Integer.MAX_VALUE) {
            return -1;
        }
        return Math.max(1, Math.max(MINIMUM_PAIRS, total) - interval.n());
    }
}
