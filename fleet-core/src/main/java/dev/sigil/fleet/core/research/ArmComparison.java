package dev.sigil.fleet.core.research;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Whether one arm of the grid (the variants sharing a value of the key under test, e.g. a 2.5× hard stop) does
 * better than another, and how sure that is. For each pair of arms: the difference of mean P&L per trade with a 95 %
 * percentile bootstrap interval (trades resampled within each arm), a two-sided permutation-test p-value (trades
 * shuffled between the arms), and the mean difference of daily P&L paired by UTC day — both arms trade the same
 * market, so a day's difference removes the market's own swing. With more than one pair the p-values are
 * Holm-corrected. Seeded: the same trades give the same answer. An arm's daily P&L is per variant, so arms of
 * different sizes compare fairly.
 */
public final class ArmComparison {

    /** Fewer trades than this in an arm and there is no verdict yet. */
    public static final int MINIMUM_TRADES = 30;
    public static final double ALPHA = 0.05;

    /** One arm: its name (the key's value), its variants, their closed trades. */
    public record Arm(String name, List<String> variants, List<ClosedTrade> trades) {
    }

    /**
     * The comparison of arms {@code first} and {@code second}: difference = mean(first) − mean(second), USD per trade.
     *
     * @param pairedDailyDifference mean over the UTC days both arms traded of (first's day P&L − second's), USD
     * @param verdict {@code insufficient evidence …}, {@code no significant difference …} or {@code <arm> better by …}
     */
    public record Pair(String first, String second, int firstTrades, int secondTrades, double difference, double low, double high,
                       double pValue, double adjustedPValue, int pairedDays, double pairedDailyDifference, double pairedLow,
                       double pairedHigh, String verdict) {
    }

    private final int resamples;
    private final long seed;

    public ArmComparison(int resamples, long seed) {
        this.resamples = resamples;
        this.seed = seed;
    }

    /** The design's settings: 10,000 resamples, a fixed seed. */
    /** One variant as the arms are made of it: its value of the key under test, and its trades. */
    public record Member(String variant, String value, List<ClosedTrade> trades) {
    }

    /** The members grouped into arms by their value, in the value's order (numbers by size: 1.5 before 2.5). */
    public static List<Arm> group(List<Member> members) {
        java.util.Map<String, List<Member>> byValue = new java.util.TreeMap<>((a, b) -> {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        });
        for (Member member : members) {
            byValue.computeIfAbsent(String.valueOf(member.value()), key -> new java.util.ArrayList<>()).add(member);
        }
        List<Arm> arms = new java.util.ArrayList<>();
        byValue.forEach((value, inArm) -> arms.add(new Arm(value, inArm.stream().map(Member::variant).toList(),
                inArm.stream().flatMap(member -> member.trades().stream()).toList())));
        return arms;
    }

    public static ArmComparison standard() {
        return new ArmComparison(10_000, 20_261_201L);
    }

    public List<Pair> compare(List<Arm> arms) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            for (int j = i + 1; j < arms.size(); j++) {
                pairs.add(pair(arms.get(i), arms.get(j)));
            }
        }
        return holm(pairs);
    }

    private Pair pair(Arm first, Arm second) {
        double[] a = pnl(first.trades());
        double[] b = pnl(second.trades());
        double difference = a.length == 0 || b.length == 0 ? Double.NaN : mean(a) - mean(b);
        double[] interval = a.length < 2 || b.length < 2 ? new double[] {Double.NaN, Double.NaN} : bootstrap(a, b);
        double p = a.length < 2 || b.length < 2 ? Double.NaN : permutation(a, b);
        double[] days = pairedDays(first, second);
        double[] daysInterval = days.length < 2 ? new double[] {Double.NaN, Double.NaN} : bootstrapMean(days);
        return new Pair(first.name(), second.name(), a.length, b.length, difference, interval[0], interval[1], p, p, days.length,
                days.length == 0 ? Double.NaN : mean(days), daysInterval[0], daysInterval[1], null);
    }

    /** Holm's step-down correction over all pairs, then each pair's verdict. */
    private List<Pair> holm(List<Pair> pairs) {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingDouble(pair -> Double.isNaN(pair.pValue()) ? 2 : pair.pValue()));
        int m = (int) pairs.stream().filter(pair -> !Double.isNaN(pair.pValue())).count();
        double running = 0;
        Map<Pair, Double> adjusted = new java.util.IdentityHashMap<>();
        for (int k = 0; k < sorted.size(); k++) {
            Pair pair = sorted.get(k);
            if (Double.isNaN(pair.pValue())) {
                adjusted.put(pair, Double.NaN);
                continue;
            }
            running = Math.max(running, Math.min(1, (m - k) * pair.pValue()));
            adjusted.put(pair, running);
        }
        List<Pair> judged = new ArrayList<>();
        for (Pair pair : pairs) {
            double p = adjusted.get(pair);
            judged.add(new Pair(pair.first(), pair.second(), pair.firstTrades(), pair.secondTrades(), pair.difference(), pair.low(), pair.high(),
                    pair.pValue(), p, pair.pairedDays(), pair.pairedDailyDifference(), pair.pairedLow(), pair.pairedHigh(), verdict(pair, p)));
        }
        return judged;
    }

    private static String verdict(Pair pair, double adjustedP) {
        int fewer = Math.min(pair.firstTrades(), pair.secondTrades());
        if (fewer < MINIMUM_TRADES) {
            return "insufficient evidence: " + fewer + " trades in the smaller arm, at least " + MINIMUM_TRADES + " needed"
                    + needed(pair, fewer);
        }
        if (Double.isNaN(adjustedP) || adjustedP >= ALPHA) {
            return "no significant difference (" + pText(adjustedP) + ")";
        }
        boolean firstBetter = pair.difference() > 0;
        return String.format(Locale.ROOT, "%s better by %.3f USD/trade (95 %% CI %.3f…%.3f, %s)", firstBetter ? pair.first() : pair.second(),
                Math.abs(pair.difference()), firstBetter ? pair.low() : -pair.high(), firstBetter ? pair.high() : -pair.low(), pText(adjustedP));
    }

    /** A p-value as a verdict says it: three decimals, or "p < 0.001" where three decimals would read as zero. */
    private static String pText(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    /** How many more trades per arm the observed spread needs before a difference of the observed size would show. */
    private static String needed(Pair pair, int fewer) {
        double halfWidth = (pair.high() - pair.low()) / 2;
        if (Double.isNaN(halfWidth) || Double.isNaN(pair.difference()) || pair.difference() == 0) {
            return "";
        }
        // the interval narrows as 1/√n: n trades make it as narrow as the observed difference is large
        double n = fewer * Math.pow(halfWidth / Math.abs(pair.difference()), 2);
        long more = Math.max(MINIMUM_TRADES - fewer, (long) Math.ceil(n) - fewer);
        return String.format(Locale.ROOT, "; at the observed spread about %d more per arm would tell a difference of %.3f USD/trade", more,
                Math.abs(pair.difference()));
    }

    private double[] bootstrap(double[] a, double[] b) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            differences[r] = resampledMean(a, random) - resampledMean(b, random);
        }
        return percentiles(differences);
    }

    private double[] bootstrapMean(double[] values) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            means[r] = resampledMean(values, random);
        }
        return percentiles(means);
    }

    private double permutation(double[] a, double[] b) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double observed = Math.abs(mean(a) - mean(b));
        double total = 0;
        for (double value : pooled) {
            total += value;
        }
        int asExtreme = 0;
        for (int r = 0; r < resamples; r++) {
            // a partial Fisher–Yates shuffle draws the first arm; the second is the rest
            double sumA = 0;
            for (int i = 0; i < a.length; i++) {
                int pick = i + random.nextInt(pooled.length - i);
                double swap = pooled[i];
                pooled[i] = pooled[pick];
                pooled[pick] = swap;
                sumA += pooled[i];
            }
            double difference = sumA / a.length - (total - sumA) / b.length;
            if (Math.abs(difference) >= observed - 1e-12) {
                asExtreme++;
            }
        }
        return (asExtreme + 1.0) / (resamples + 1.0);
    }

    private static double resampledMean(double[] values, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[random.nextInt(values.length)];
        }
        return sum / values.length;
    }

    private static double[] percentiles(double[] values) {
        java.util.Arrays.sort(values);
        return new double[] {values[(int) Math.floor(0.025 * (values.length - 1))], values[(int) Math.ceil(0.975 * (values.length - 1))]};
    }

    /**
     * Day by day (UTC, by exit time) first's P&L minus second's, each per variant of its arm, over every day on which
     * either arm closed a trade (a day without trades is 0 for that arm: it traded the same market and made nothing).
     */
    private static double[] pairedDays(Arm first, Arm second) {
        Map<LocalDate, Double> a = daily(first);
        Map<LocalDate, Double> b = daily(second);
        java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>(a.keySet());
        days.addAll(b.keySet());
        return days.stream().mapToDouble(day -> a.getOrDefault(day, 0.0) - b.getOrDefault(day, 0.0)).toArray();
    }

    private static Map<LocalDate, Double> daily(Arm arm) {
        Map<LocalDate, Double> days = new TreeMap<>();
        double variants = Math.max(1, arm.variants().size());
        arm.trades().forEach(trade -> days.merge(LocalDate.ofInstant(trade.exitTime(), java.time.ZoneOffset.UTC), trade.realizedPnl() / variants,
                Double::sum));
        return days;
    }

    private static double[] pnl(List<ClosedTrade> trades) {
        return trades.stream().mapToDouble(ClosedTrade::realizedPnl).toArray();
    }

    private static double mean(double[] values) {
        return Stats.mean(values, values.length);
    }
}
