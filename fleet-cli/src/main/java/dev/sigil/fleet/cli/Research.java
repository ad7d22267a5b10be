package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.report.StopDistances;
import dev.sigil.fleet.core.research.ArmComparison;
import dev.sigil.fleet.core.research.VariantMetrics;
import dev.sigil.fleet.io.report.VariantReport;
import dev.sigil.fleet.io.research.ResearchReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The research side of {@code fleet compare}: the figures table, the arms, the verdicts, and their JSON. */
final class Research {

    /** One variant's research figures. */
    record Variant(ResearchReader read, VariantMetrics metrics, StopDistances stops) {
    }

    private Research() {
    }

    /** The variants grouped by the value of the key under test, in the value's order (1.5 before 2.5). */
    static List<ArmComparison.Arm> arms(List<Variant> variants) {
        return ArmComparison.group(variants.stream()
                .map(variant -> new ArmComparison.Member(variant.read().variant(), variant.read().keyValue(), variant.read().trades())).toList());
    }

    /** A table as cells: the header and one row of formatted figures per variant (the text table and the HTML report show this one). */
    record Table(List<String> headers, List<List<String>> rows) {
    }

    /** The verdict of one pair of arms as text: the figures it rests on, and the verdict itself. */
    record PairText(String detail, String verdict) {
    }

    /** The verdicts as text: the arms (which variants, how many trades), then one {@link PairText} per pair of arms. */
    record VerdictText(String arms, List<PairText> pairs) {

        /** Shown instead of pairs when there is only one arm. */
        static final String ONE_ARM = "verdict: one arm only — nothing to compare";

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(arms);
            if (pairs.isEmpty()) {
                text.append('\n').append(ONE_ARM);
            }
            pairs.forEach(pair -> text.append('\n').append(pair.detail()).append('\n').append(pair.verdict()));
            return text.toString();
        }
    }

    static String metrics(List<Variant> variants) {
        Table table = metricsTable(variants);
        return Tables.render(table.headers(), table.rows());
    }

    static Table metricsTable(List<Variant> variants) {
        List<List<String>> rows = new ArrayList<>();
        for (Variant variant : variants) {
            VariantMetrics m = variant.metrics();
            rows.add(List.of(variant.read().variant(), number(m.expectancyUsd(), 3), number(m.expectancyR(), 3), number(m.profitFactor(), 2),
                    number(m.sqn(), 2), number(m.averageHardStopLoss(), 2) + " / " + number(m.averageTrailWin(), 2),
                    number(m.maxDrawdownUsd(), 2) + " (" + number(m.maxDrawdownPct(), 1) + " %)", number(m.sharpe(), 2), number(m.sortino(), 2),
                    Integer.toString(m.longestLosingStreak()), percent(m.timeInMarket()),
                    variant.read().halts() + " / " + variant.read().breakerTrips()));
        }
        return new Table(List.of("variant", "expectancy$", "expectancy R", "profit factor", "SQN", "hard_stop loss / trail win$",
                "max drawdown$", "Sharpe", "Sortino", "losing streak", "in market %", "HALTs / trips"), rows);
    }

    static String verdicts(String key, List<ArmComparison.Arm> arms, List<ArmComparison.Pair> pairs) {
        return verdictText(key, arms, pairs).toString();
    }

    static VerdictText verdictText(String key, List<ArmComparison.Arm> arms, List<ArmComparison.Pair> pairs) {
        List<String> names = new ArrayList<>();
        arms.forEach(arm -> names.add(arm.name() + " (" + String.join(", ", arm.variants()) + "; " + arm.trades().size() + " trades)"));
        List<PairText> texts = new ArrayList<>();
        for (ArmComparison.Pair pair : pairs) {
            texts.add(new PairText(String.format(Locale.ROOT, "%s vs %s: expectancy difference %s USD/trade (95 %% CI %s…%s), permutation p %s%s; "
                            + "paired by UTC day over %d days: %s USD/day (95 %% CI %s…%s)",
                    pair.first(), pair.second(), number(pair.difference(), 3), number(pair.low(), 3), number(pair.high(), 3),
                    number(pair.pValue(), 4), pairs.size() > 1 ? " (Holm " + number(pair.adjustedPValue(), 4) + ")" : "", pair.pairedDays(),
                    number(pair.pairedDailyDifference(), 3), number(pair.pairedLow(), 3), number(pair.pairedHigh(), 3)),
                    "verdict: " + pair.verdict()));
        }
        return new VerdictText("arms by " + key + ": " + String.join(" · ", names), texts);
    }

    static Map<String, Object> json(VariantReport report, Variant variant) {
        Map<String, Object> json = Reports.json(report);
        VariantMetrics m = variant.metrics();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("arm", variant.read().keyValue());
        metrics.put("expectancy_usd", value(m.expectancyUsd()));
        metrics.put("expectancy_r", value(m.expectancyR()));
        metrics.put("profit_factor", value(m.profitFactor()));
        metrics.put("sqn", value(m.sqn()));
        metrics.put("average_hard_stop_loss_usd", value(m.averageHardStopLoss()));
        metrics.put("average_atr_trail_win_usd", value(m.averageTrailWin()));
        metrics.put("max_drawdown_usd", value(m.maxDrawdownUsd()));
        metrics.put("max_drawdown_pct", value(m.maxDrawdownPct()));
        metrics.put("max_drawdown_from", m.drawdownPeak() == null ? null : m.drawdownPeak().toString());
        metrics.put("max_drawdown_to", m.drawdownTrough() == null ? null : m.drawdownTrough().toString());
        metrics.put("sharpe_daily_annualised", value(m.sharpe()));
        metrics.put("sortino_daily_annualised", value(m.sortino()));
        metrics.put("longest_losing_streak", m.longestLosingStreak());
        metrics.put("time_in_market", value(m.timeInMarket()));
        metrics.put("halts", variant.read().halts());
        metrics.put("breaker_trips", variant.read().breakerTrips());
        json.put("metrics", metrics);
        return json;
    }

    static Map<String, Object> json(ArmComparison.Pair pair) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("first", pair.first());
        json.put("second", pair.second());
        json.put("first_trades", pair.firstTrades());
        json.put("second_trades", pair.secondTrades());
        json.put("expectancy_difference_usd", value(pair.difference()));
        json.put("ci95_low", value(pair.low()));
        json.put("ci95_high", value(pair.high()));
        json.put("p_value", value(pair.pValue()));
        json.put("p_value_holm", value(pair.adjustedPValue()));
        json.put("paired_days", pair.pairedDays());
        json.put("paired_daily_difference_usd", value(pair.pairedDailyDifference()));
        json.put("paired_ci95_low", value(pair.pairedLow()));
        json.put("paired_ci95_high", value(pair.pairedHigh()));
        json.put("verdict", pair.verdict());
        return json;
    }

    private static Double value(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f", share * 100);
    }
}
