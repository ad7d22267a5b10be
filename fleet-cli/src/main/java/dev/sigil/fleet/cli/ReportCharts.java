package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.report.Curves;
import dev.sigil.fleet.core.report.StopHistogram;
import dev.sigil.fleet.core.research.ClosedTrade;
import dev.sigil.fleet.core.research.PairedComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the HTML report's charts draw, as JSON-ready maps: each variant's equity curve and drawdown (thinned to
 * {@link #MAX_POINTS} points a line), the exit-reason mix per variant, and the stop-distance histogram per arm.
 * Times are epoch milliseconds (what a chart's time axis takes); shares are percent.
 */
final class ReportCharts {

    /** Points kept per line: enough for a full-width chart, few enough for a file of a few hundred kilobytes. */
    static final int MAX_POINTS = 2000;

    private ReportCharts() {
    }

    static Map<String, Object> of(Comparison comparison) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Research.Variant variant : comparison.variants()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", variant.read().variant());
            line.put("arm", variant.read().keyValue());
            line.put("equity", points(Curves.minMax(Curves.equity(variant.read().curve()), MAX_POINTS)));
            line.put("drawdown", points(Curves.minMax(Curves.drawdownPct(variant.read().curve()), MAX_POINTS)));
            variants.add(line);
        }
        data.put("by", comparison.by());
        data.put("variants", variants);
        data.put("exitMix", exitMix(comparison.variants()));
        data.put("stops", stops(comparison.variants()));
        data.put("paired", paired(comparison.paired()));
        data.put("minimumEffect", comparison.paired().minimumEffect());
        return data;
    }

    private static Map<String, Object> exitMix(List<Research.Variant> variants) {
        TreeSet<String> reasons = new TreeSet<>();
        variants.forEach(variant -> reasons.addAll(variant.metrics().exitReasons().keySet()));
        List<Map<String, Object>> series = new ArrayList<>();
        for (String reason : reasons) {
            List<Integer> counts = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            for (Research.Variant variant : variants) {
                int count = variant.metrics().exitReasons().getOrDefault(reason, 0);
                counts.add(count);
                shares.add(share(count, variant.metrics().trades()));
            }
            series.add(Map.of("reason", reason, "counts", counts, "shares", shares));
        }
        return Map.of("variants", variants.stream().map(variant -> variant.read().variant()).toList(), "reasons", series);
    }

    /** The positions' stop distances by the arm of their variant's latest session. */
    private static Map<String, Object> stops(List<Research.Variant> variants) {
        Map<String, List<Double>> distances = new java.util.TreeMap<>();
        variants.forEach(variant -> distances.computeIfAbsent(String.valueOf(variant.read().keyValue()), arm -> new ArrayList<>())
                .addAll(variant.read().trades().stream().map(ClosedTrade::stopDistancePct).toList()));
        StopHistogram histogram = StopHistogram.of(distances);
        List<String> bins = new ArrayList<>();
        for (double edge : histogram.lowerEdges()) {
            bins.add(String.format(Locale.ROOT, "%.2f–%.2f", edge, edge + histogram.width()));
        }
        List<Map<String, Object>> series = new ArrayList<>();
        histogram.counts().forEach((arm, counts) -> {
            int total = counts.stream().mapToInt(Integer::intValue).sum();
            series.add(Map.of("arm", arm, "stops", total, "counts", counts, "shares", counts.stream().map(count -> share(count, total)).toList()));
        });
        return Map.of("bins", bins, "arms", series);
    }

    /**
     * Per pair of arms: its verdict's design, each pair's R difference at the time it became known, and the confidence
     * sequence by day ([time, mean, low, high]); beside it the A/A noise floor's shared-entry sequence of the first arm
     * with two variants.
     */
    private static List<Map<String, Object>> paired(PairedComparison.Result result) {
        List<Map<String, Object>> pairs = new ArrayList<>();
        PairedComparison.Design noise = result.noiseFloors().stream().map(PairedComparison.NoiseFloor::shared)
                .filter(design -> design.pairs() > 1).findFirst().orElse(null);
        for (PairedComparison.ArmPair pair : result.pairs()) {
            PairedComparison.Design design = PairedComparison.SHADOW.equals(pair.verdictFrom()) ? pair.shadow() : pair.shared();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", pair.first() + " − " + pair.second());
            json.put("design", pair.verdictFrom());
            json.put("verdict", pair.verdict().text());
            json.put("points", design.entries().stream().map(entry -> List.<Number>of(entry.completedAt().toEpochMilli(), round(entry.difference())))
                    .toList());
            json.put("path", path(design));
            if (noise != null) {
                PairedComparison.NoiseFloor floor = result.noiseFloors().stream().filter(f -> f.shared() == noise).findFirst().orElseThrow();
                json.put("noiseName", "A/A " + floor.first() + " − " + floor.second());
                json.put("noisePath", path(noise));
            }
            pairs.add(json);
        }
        return pairs;
    }

    private static List<List<Number>> path(PairedComparison.Design design) {
        List<List<Number>> path = new ArrayList<>();
        for (PairedComparison.Look look : design.path()) {
            List<Number> row = new ArrayList<>();
            row.add(look.at().toEpochMilli());
            row.add(round(look.mean()));
            row.add(Double.isFinite(look.low()) ? round(look.low()) : null);
            row.add(Double.isFinite(look.high()) ? round(look.high()) : null);
            path.add(row);
        }
        return path;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static List<List<Number>> points(List<Curves.Point> points) {
        return points.stream().map(point -> List.<Number>of(point.at().toEpochMilli(), Math.round(point.value() * 100) / 100.0)).toList();
    }

    private static double share(int count, int total) {
        return total == 0 ? 0 : Math.round(count * 1000.0 / total) / 10.0;
    }
}
