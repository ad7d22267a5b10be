package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.report.StopDistances;
import dev.sigil.fleet.core.research.VariantMetrics;
import dev.sigil.fleet.db.report.VariantReport;
import dev.sigil.fleet.db.report.ResearchReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The research side of {@code fleet compare}: each variant's figures, as a table and as JSON. */
final class Research {

    /** One variant's research figures. */
    record Variant(ResearchReader read, VariantMetrics metrics, StopDistances stops) {
    }

    private Research() {
    }

    /** A table as cells: the header and one row of formatted figures per variant (the text table and the HTML report show this one). */
    record Table(List<String> headers, List<List<String>> rows) {
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

    static Double value(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f", share * 100);
    }
}
