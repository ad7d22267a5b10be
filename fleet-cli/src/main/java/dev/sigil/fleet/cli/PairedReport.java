package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.research.ConfidenceSequence;
import dev.sigil.fleet.core.research.PairedComparison;
import dev.sigil.fleet.core.research.PairedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paired comparison as {@code fleet compare} prints it (the arms in R, each pair of arms in the three designs with
 * the verdict, the A/A noise floors) and as its JSON.
 */
final class PairedReport {

    private PairedReport() {
    }

    static String text(PairedComparison.Result result) {
        List<String> lines = new ArrayList<>();
        lines.add("arms by " + result.key() + ", in R per entry (" + PairedText.R_DEFINITION + "):");
        for (PairedComparison.Arm arm : result.arms()) {
            lines.add("  " + arm.value() + " (" + (arm.variants().isEmpty() ? "no variant: shadow exits only" : String.join(", ", arm.variants()))
                    + "): " + arm.held() + " positions, " + arm.shadows() + " shadow exits; mean " + Research.number(arm.meanR(), 3)
                    + " R, win " + Research.percent(arm.winRate()) + " %, " + mix(arm.exitReasons()));
        }
        if (result.pairs().isEmpty()) {
            lines.add("verdict: " + (result.arms().isEmpty() ? "no closed entries to compare" : "one arm only — nothing to compare"));
        }
        result.pairs().forEach(pair -> lines.addAll(PairedText.lines(pair)));
        result.noiseFloors().forEach(floor -> lines.add(PairedText.noiseFloor(floor)));
        lines.add(String.format(Locale.ROOT, "(intervals are confidence sequences: valid however often they are looked at; "
                + "'no significant difference' means under %.3f R/trade either way, research.minimum_effect_r)", result.minimumEffect()));
        return String.join(System.lineSeparator(), lines);
    }

    private static String mix(Map<String, Integer> reasons) {
        int total = reasons.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(reason + " " + Research.percent(total == 0 ? Double.NaN : (double) count / total) + " %"));
        return parts.isEmpty() ? "no exits" : String.join(" · ", parts);
    }

    static Map<String, Object> json(PairedComparison.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("minimum_effect_r", result.minimumEffect());
        json.put("arms", result.arms().stream().map(arm -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("value", arm.value());
            row.put("variants", arm.variants());
            row.put("positions", arm.held());
            row.put("shadow_exits", arm.shadows());
            row.put("mean_r", Research.value(arm.meanR()));
            row.put("win_rate", Research.value(arm.winRate()));
            row.put("exit_reasons", arm.exitReasons());
            return row;
        }).toList());
        json.put("comparisons", result.pairs().stream().map(pair -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("first", pair.first());
            row.put("second", pair.second());
            row.put("verdict", pair.verdict().text());
            row.put("decided", pair.verdict().decided());
            row.put("better", pair.verdict().better());
            row.put("verdict_design", pair.verdictFrom());
            row.put("more_pairs_needed", pair.verdict().moreNeeded() < 0 ? null : pair.verdict().moreNeeded());
            row.put("shadow_pairs", design(pair.shadow()));
            row.put("shared_entries", design(pair.shared()));
            row.put("portfolio_days", design(pair.portfolio()));
            return row;
        }).toList());
        json.put("noise_floors", result.noiseFloors().stream().map(floor -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arm", floor.arm());
            row.put("first", floor.first());
            row.put("second", floor.second());
            row.put("shared_entries", design(floor.shared()));
            row.put("portfolio_days", design(floor.portfolio()));
            return row;
        }).toList());
        return json;
    }

    private static Map<String, Object> design(PairedComparison.Design design) {
        if (design == null) {
            return null;
        }
        ConfidenceSequence.Interval interval = design.interval();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", design.unit());
        json.put("pairs", design.pairs());
        json.put("counted_once", design.duplicates());
        json.put("mean_difference", Research.value(interval.mean()));
        json.put("ci95_low", finite(interval.low()));
        json.put("ci95_high", finite(interval.high()));
        return json;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
