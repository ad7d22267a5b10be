package dev.sigil.fleet.core.research;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Whether one arm of the grid (the entries run with one value of the key under test, e.g. a 2.5× hard stop) does
 * better than another, in R per entry, paired. For each pair of arms it measures the three {@link PairedDesigns} —
 * shadow pairs, shared entries, portfolio days — each with its always-valid {@link ConfidenceSequence}, and gives one
 * {@link PairedVerdict}: from the shadow pairs when there are any (identical entries), else from the shared entries.
 * Dollars never decide (arms that risk different stakes differ in dollars whatever their exits do); the portfolio
 * days are shown, not judged. With several pairs of arms each interval is at 95 % / pairs (Bonferroni), so the
 * verdicts together are wrong with at most 5 % chance. Variants that share an arm are compared the same way, as the
 * <b>A/A noise floor</b>: what the designs show when the arms are the same.
 */
public final class PairedComparison {

    /** The interval is tightest at this many pairs: about a month of one runner's entries. */
    public static final int PLANNED_PAIRS = 200;
    public static final double ALPHA = 0.05;
    public static final String SHADOW = "shadow pairs";
    public static final String SHARED = "shared entries";
    public static final String PORTFOLIO = "portfolio days";

    /** One variant as research reads it: its arm (as its latest session ran), every entry result, its equity curve. */
    public record VariantData(String variant, String arm, List<EntryResult> results, List<EquityPoint> curve) {
    }

    /** An arm: its value, the variants whose positions ran with it, its results (held and shadow) and their figures. */
    public record Arm(String value, List<String> variants, int held, int shadows, double meanR, double winRate, Map<String, Integer> exitReasons) {
    }

    /** One look of a design's interval: after the pairs known by {@code at}. */
    public record Look(Instant at, int n, double mean, double low, double high) {
    }

    /** A design's figures: how many pairs (and copies dropped), the interval now, and one look per UTC day. */
    public record Design(String name, String unit, int pairs, int duplicates, ConfidenceSequence.Interval interval, List<Look> path,
                         List<PairedEntry> entries) {
    }

    /** One pair of arms: the three designs and the verdict (from {@code verdictFrom}). */
    public record ArmPair(String first, String second, Design shadow, Design shared, Design portfolio, String verdictFrom, PairedVerdict verdict) {
    }

    /** Two variants of one arm compared as the arms are: the A/A noise floor. */
    public record NoiseFloor(String arm, String first, String second, Design shared, Design portfolio) {
    }

    public record Result(String key, double minimumEffect, List<Arm> arms, List<ArmPair> pairs, List<NoiseFloor> noiseFloors) {
    }

    private PairedComparison() {
    }

    /**
     * @param key the config key whose values make the arms
     * @param minimumEffect the smallest difference that matters, R per entry
     */
    public static Result compare(String key, List<VariantData> variants, double minimumEffect) {
        List<EntryResult> results = variants.stream().flatMap(variant -> variant.results().stream()).toList();
        Map<String, List<EquityPoint>> curves = new LinkedHashMap<>();
        variants.forEach(variant -> curves.put(variant.variant(), variant.curve()));
        List<Arm> arms = arms(variants, results);
        int comparisons = arms.size() * (arms.size() - 1) / 2;
        ConfidenceSequence judged = new ConfidenceSequence(ALPHA / Math.max(1, comparisons), PLANNED_PAIRS);
        ConfidenceSequence shown = new ConfidenceSequence(ALPHA, PLANNED_PAIRS);
        List<ArmPair> pairs = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            for (int j = i + 1; j < arms.size(); j++) {
                Arm a = arms.get(i);
                Arm b = arms.get(j);
                Design shadow = design(SHADOW, "R/trade", PairedDesigns.shadowPairs(results, a.value(), b.value()), judged);
                Design shared = design(SHARED, "R/trade", PairedDesigns.sharedEntries(results, result -> result.arm().equals(a.value()),
                        result -> result.arm().equals(b.value())), judged);
                Design portfolio = a.variants().isEmpty() || b.variants().isEmpty() ? null
                        : design(PORTFOLIO, "%/day", PairedDesigns.portfolioDays(curves, a.variants(), b.variants()), shown);
                Design from = shadow.pairs() > 0 ? shadow : shared;
                pairs.add(new ArmPair(a.value(), b.value(), shadow, shared, portfolio, from.name(),
                        PairedVerdict.of(a.value(), b.value(), from.interval(), judged, minimumEffect, "R/trade")));
            }
        }
        List<NoiseFloor> floors = new ArrayList<>();
        for (Arm arm : arms) {
            for (int i = 0; i < arm.variants().size(); i++) {
                for (int j = i + 1; j < arm.variants().size(); j++) {
                    String x = arm.variants().get(i);
                    String y = arm.variants().get(j);
                    floors.add(new NoiseFloor(arm.value(), x, y,
                            design(SHARED, "R/trade", PairedDesigns.sharedEntries(results, r -> r.variant().equals(x) && r.arm().equals(arm.value()),
                                    r -> r.variant().equals(y) && r.arm().equals(arm.value())), shown),
                            design(PORTFOLIO, "%/day", PairedDesigns.portfolioDays(curves, List.of(x), List.of(y)), shown)));
                }
            }
        }
        return new Result(key, minimumEffect, arms, pairs, floors);
    }

    /** The arms in the value's order (numbers by size: 1.5 before 2.5), each with the variants whose latest session ran it. */
    static List<Arm> arms(List<VariantData> variants, List<EntryResult> results) {
        Map<String, List<EntryResult>> byArm = new TreeMap<>(PairedComparison::compareValues);
        results.forEach(result -> byArm.computeIfAbsent(result.arm(), key -> new ArrayList<>()).add(result));
        variants.stream().map(VariantData::arm).filter(Objects::nonNull).forEach(arm -> byArm.computeIfAbsent(arm, key -> new ArrayList<>()));
        List<Arm> arms = new ArrayList<>();
        byArm.forEach((value, inArm) -> {
            Map<String, Integer> reasons = new TreeMap<>();
            inArm.forEach(result -> reasons.merge(result.exitReason(), 1, Integer::sum));
            double[] r = inArm.stream().mapToDouble(EntryResult::r).filter(Double::isFinite).toArray();
            long wins = inArm.stream().filter(result -> result.r() > 0).count();
            arms.add(new Arm(value, variants.stream().filter(variant -> value.equals(variant.arm())).map(VariantData::variant).toList(),
                    (int) inArm.stream().filter(result -> !result.shadow()).count(), (int) inArm.stream().filter(EntryResult::shadow).count(),
                    r.length == 0 ? Double.NaN : java.util.Arrays.stream(r).average().orElse(Double.NaN),
                    inArm.isEmpty() ? Double.NaN : (double) wins / inArm.size(), reasons));
        });
        return arms;
    }

    /** Numbers by size, else as text. */
    static int compareValues(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    static Design design(String name, String unit, PairedDesigns.Paired paired, ConfidenceSequence sequence) {
        ConfidenceSequence.RunningMean running = new ConfidenceSequence.RunningMean();
        List<Look> path = new ArrayList<>();
        LocalDate day = null;
        for (PairedEntry pair : paired.pairs()) {
            LocalDate pairDay = LocalDate.ofInstant(pair.completedAt(), ZoneOffset.UTC);
            if (day != null && !pairDay.equals(day)) {
                path.add(look(day, running, sequence));
            }
            day = pairDay;
            running.add(pair.difference());
        }
        if (day != null) {
            path.add(look(day, running, sequence));
        }
        return new Design(name, unit, paired.pairs().size(), paired.duplicates(), sequence.interval(running), path, paired.pairs());
    }

    private static Look look(LocalDate day, ConfidenceSequence.RunningMean running, ConfidenceSequence sequence) {
        ConfidenceSequence.Interval interval = sequence.interval(running);
        return new Look(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), interval.n(), interval.mean(), interval.low(), interval.high());
    }
}
