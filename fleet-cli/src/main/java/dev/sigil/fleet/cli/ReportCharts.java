package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.report.Curves;
import dev.sigil.fleet.core.report.StopHistogram;
import dev.sigil.fleet.core.research.ArmComparison;
import dev.sigil.fleet.core.research.ClosedTrade;
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
        data.put("stops", stops(comparison.arms()));
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

    private static Map<String, Object> stops(List<ArmComparison.Arm> arms) {
        Map<String, List<Double>> distances = new LinkedHashMap<>();
        arms.forEach(arm -> distances.put(arm.name(), arm.trades().stream().map(ClosedTrade::stopDistancePct).toList()));
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

    private static List<List<Number>> points(List<Curves.Point> points) {
        return points.stream().map(point -> List.<Number>of(point.at().toEpochMilli(), Math.round(point.value() * 100) / 100.0)).toList();
    }

    private static double share(int count, int total) {
        return total == 0 ? 0 : Math.round(count * 1000.0 / total) / 10.0;
    }
}
