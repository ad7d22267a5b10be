package dev.sigil.fleet.core.research;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The three ways the fleet pairs two arms, from the most to the least alike:
 * <ol>
 * <li><b>shadow pairs</b> — one runner's entry under both exit configurations: the position it held and a shadow exit
 * that followed the same entry on the same candles (or two shadows). Identical entries, so the difference is the exit's
 * alone;</li>
 * <li><b>shared entries</b> — two variants' real positions on the same symbol and signal candle;</li>
 * <li><b>portfolio days</b> — each arm's daily return in percent of equity (the mean of its variants'), paired by UTC
 * day: how each posture did as a whole, sizing and all.</li>
 * </ol>
 * An entry that several runners took gives the same pair several times; it is counted once (the first runner's, in the
 * order given), and the copies dropped are counted. Pairs come in the order they became known.
 */
public final class PairedDesigns {

    /** A design's pairs, and how many copies of an entry already paired were dropped. */
    public record Paired(List<PairedEntry> pairs, int duplicates) {
    }

    private static final Comparator<PairedEntry> KNOWN_ORDER = Comparator.comparing(PairedEntry::completedAt)
            .thenComparing(PairedEntry::symbol).thenComparing(PairedEntry::entryTime);

    private PairedDesigns() {
    }

    /** Shadow pairs of arms {@code first} and {@code second} from every runner's results (real and shadow). */
    public static Paired shadowPairs(List<EntryResult> results, String first, String second) {
        Map<String, Map<String, EntryResult>> byEntry = new LinkedHashMap<>();
        for (EntryResult result : results) {
            // the held position comes first in a group whatever the order read: it wins over a shadow of the same arm
            Map<String, EntryResult> group = byEntry.computeIfAbsent(result.variant() + "#" + result.positionId(), key -> new LinkedHashMap<>());
            EntryResult there = group.get(result.arm());
            if (there == null || there.shadow() && !result.shadow()) {
                group.put(result.arm(), result);
            }
        }
        List<PairedEntry> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (Map<String, EntryResult> group : byEntry.values()) {
            EntryResult a = group.get(first);
            EntryResult b = group.get(second);
            if (a == null || b == null) {
                continue;
            }
            if (!seen.add(a.symbol() + "@" + a.entryTime())) {
                duplicates++;
                continue;
            }
            pairs.add(new PairedEntry(a.symbol(), a.entryTime(), later(a.exitTime(), b.exitTime()), a.r(), b.r(), a.variant()));
        }
        pairs.sort(KNOWN_ORDER);
        return new Paired(pairs, duplicates);
    }

    /**
     * Real positions of two different variants on the same entry (symbol and entry time), the one side's results
     * chosen by {@code firstSide}, the other's by {@code secondSide}.
     */
    public static Paired sharedEntries(List<EntryResult> results, Predicate<EntryResult> firstSide, Predicate<EntryResult> secondSide) {
        Map<String, List<EntryResult>> seconds = new LinkedHashMap<>();
        for (EntryResult result : results) {
            if (!result.shadow() && secondSide.test(result)) {
                seconds.computeIfAbsent(result.symbol() + "@" + result.entryTime(), key -> new ArrayList<>()).add(result);
            }
        }
        List<PairedEntry> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (EntryResult a : results) {
            if (a.shadow() || !firstSide.test(a)) {
                continue;
            }
            String entry = a.symbol() + "@" + a.entryTime();
            for (EntryResult b : seconds.getOrDefault(entry, List.of())) {
                if (b.variant().equals(a.variant())) {
                    continue;
                }
                if (!seen.add(entry)) {
                    duplicates++;
                    continue;
                }
                pairs.add(new PairedEntry(a.symbol(), a.entryTime(), later(a.exitTime(), b.exitTime()), a.r(), b.r(),
                        a.variant() + "·" + b.variant()));
            }
        }
        pairs.sort(KNOWN_ORDER);
        return new Paired(pairs, duplicates);
    }

    /**
     * Each UTC day on which both sides have a return: the mean daily return (percent of equity) of the first side's
     * variants against the second's. A day's return runs from the last equity of the day before to the day's last.
     */
    public static Paired portfolioDays(Map<String, List<EquityPoint>> curves, List<String> firstVariants, List<String> secondVariants) {
        Map<LocalDate, Double> a = meanDailyReturns(curves, firstVariants);
        Map<LocalDate, Double> b = meanDailyReturns(curves, secondVariants);
        List<PairedEntry> pairs = new ArrayList<>();
        a.forEach((day, first) -> {
            Double second = b.get(day);
            if (second != null) {
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                pairs.add(new PairedEntry("portfolio", start, start.plusSeconds(86_400), first, second,
                        String.join("+", firstVariants) + "·" + String.join("+", secondVariants)));
            }
        });
        return new Paired(pairs, 0);
    }

    /** Percent returns by UTC day, the mean over the variants with a return that day. */
    static Map<LocalDate, Double> meanDailyReturns(Map<String, List<EquityPoint>> curves, List<String> variants) {
        Map<LocalDate, double[]> sums = new TreeMap<>();
        for (String variant : variants) {
            dailyReturns(curves.getOrDefault(variant, List.of())).forEach((day, value) -> {
                double[] sum = sums.computeIfAbsent(day, key -> new double[2]);
                sum[0] += value;
                sum[1]++;
            });
        }
        Map<LocalDate, Double> means = new TreeMap<>();
        sums.forEach((day, sum) -> means.put(day, sum[0] / sum[1]));
        return means;
    }

    /** One curve's return in percent for each UTC day after its first, from the day before's last equity to the day's last. */
    static Map<LocalDate, Double> dailyReturns(List<EquityPoint> curve) {
        TreeMap<LocalDate, Double> closes = new TreeMap<>();
        for (EquityPoint point : curve) {
            closes.put(LocalDate.ofInstant(point.at(), ZoneOffset.UTC), point.equity());
        }
        Map<LocalDate, Double> returns = new TreeMap<>();
        Double previous = null;
        for (var close : closes.entrySet()) {
            if (previous != null && previous > 0) {
                returns.put(close.getKey(), (close.getValue() / previous - 1) * 100);
            }
            previous = close.getValue();
        }
        return returns;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
