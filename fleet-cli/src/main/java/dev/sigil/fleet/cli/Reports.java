package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.report.TradeStats;
import dev.sigil.fleet.db.report.VariantReport;
import dev.sigil.fleet.market.FileDefect;
import dev.sigil.fleet.market.ReplayInputReport;
import dev.sigil.fleet.market.RowDefect;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How results are printed: one variant's summary, or several side by side. */
final class Reports {

    private Reports() {
    }

    static void summary(PrintWriter out, VariantReport report) {
        TradeStats stats = report.stats();
        out.printf(Locale.ROOT, "trades %d · win rate %.1f %% · average win %.2f / average loss %.2f USD (ratio %s) · expectancy %.3f USD · realized P&L %.2f USD%n",
                stats.trades(), stats.winRate() * 100, stats.averageWin(), stats.averageLoss(), ratio(stats.winLossRatio()),
                stats.expectancy(), stats.realizedPnl());
        List<String> reasons = new ArrayList<>();
        stats.exitReasons().forEach((reason, count) -> reasons.add(String.format(Locale.ROOT, "%s %d (%.0f %%)", reason, count, stats.share(reason) * 100)));
        out.println("exit reasons: " + (reasons.isEmpty() ? "none" : String.join(", ", reasons)));
        out.println("hard-stop distance: " + report.stops());
        out.printf(Locale.ROOT, "equity %.2f USD · max drawdown %.2f %% · open positions %d%n", report.equity(), report.maxDrawdownPct(), report.openPositions());
        out.println("sessions ended: " + report.endReason() + " · circuit breaker " + report.breaker());
        if (!Double.isNaN(report.tradedShare())) {
            out.printf(Locale.ROOT, "traded: %s%s%n", report.tradedShare() >= 0.9995 ? "all of the market time (the circuit breaker stayed closed)"
                    : String.format(Locale.ROOT, "%.0f %% of the market time (the rest with the circuit breaker tripped)", report.tradedShare() * 100),
                    report.halts().isEmpty() ? "" : " · HALTs: " + report.halts().stream()
                            .map(halt -> (halt.at() == null ? "?" : halt.at().toString().substring(0, 16).replace('T', ' ')) + " " + halt.reason())
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** What a replay read: always the rows skipped and why, then each bad file on its own line. */
    static void input(PrintWriter out, ReplayInputReport input) {
        out.println("input: " + input.summary());
        input.badFiles().forEach(file -> out.println("  bad file " + file.describe()));
    }

    static Map<String, Object> json(ReplayInputReport input) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("files", input.files());
        json.put("rows", input.rows());
        json.put("rows_skipped", input.skippedRowCount());
        json.put("rows_skipped_by_reason", tokens(input.skippedRows(), RowDefect::token));
        json.put("unusable_files_by_reason", tokens(input.unusableFilesByReason(), FileDefect::token));
        List<Map<String, Object>> bad = new ArrayList<>();
        for (ReplayInputReport.BadFile file : input.badFiles()) {
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("file", file.file().getFileName().toString());
            entry.put("rows_skipped_by_reason", tokens(file.skippedRows(), RowDefect::token));
            entry.put("first_skipped_line", file.firstSkippedLine() == 0 ? null : file.firstSkippedLine());
            entry.put("unusable", file.unusable() == null ? null : file.unusable().defect().token());
            entry.put("unusable_at_line", file.unusable() == null || file.unusable().line() == 0 ? null : file.unusable().line());
            entry.put("detail", file.unusable() == null ? null : file.unusable().detail());
            bad.add(entry);
        }
        json.put("bad_files", bad);
        return json;
    }

    private static <K> Map<String, Long> tokens(Map<K, Long> counts, java.util.function.Function<K, String> token) {
        Map<String, Long> byToken = new java.util.LinkedHashMap<>();
        counts.forEach((key, count) -> byToken.put(token.apply(key), count));
        return byToken;
    }

    static String comparison(List<VariantReport> reports) {
        List<List<String>> rows = new ArrayList<>();
        for (VariantReport report : reports) {
            TradeStats stats = report.stats();
            rows.add(List.of(report.variant(), Integer.toString(stats.trades()), percent(stats.share("atr_trail")), percent(stats.share("hard_stop")),
                    percent(stats.share("time_exit")), Double.isNaN(report.stops().medianPct()) ? "-" : String.format(Locale.ROOT, "%.2f", report.stops().medianPct()),
                    percent(report.stops().onFloor()), percent(stats.winRate()), money(stats.averageWin()), money(stats.averageLoss()),
                    ratio(stats.winLossRatio()), String.format(Locale.ROOT, "%.3f", stats.expectancy()), money(stats.realizedPnl()),
                    money(report.equity())));
        }
        return Tables.render(List.of("variant", "trades#", "atr_trail %", "hard_stop %", "time_exit %", "stop median %", "stop on floor %",
                "win rate %", "average win$", "average loss$", "win/loss", "expectancy$", "realized P&L$", "equity$"), rows);
    }

    /** How each variant's run ended: its sessions' end reasons and its circuit breaker. */
    static String endings(List<VariantReport> reports) {
        return Tables.render(List.of("variant", "sessions ended", "circuit breaker"),
                reports.stream().map(report -> List.of(report.variant(), report.endReason(), report.breaker())).toList());
    }

    static Map<String, Object> json(VariantReport report) {
        TradeStats stats = report.stats();
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("variant", report.variant());
        json.put("session_id", report.sessionId());
        json.put("end_reasons", report.endReason());
        json.put("circuit_breaker", report.breaker());
        json.put("trades", stats.trades());
        json.put("exit_reasons", stats.exitReasons());
        json.put("win_rate", stats.winRate());
        json.put("average_win_usd", stats.averageWin());
        json.put("average_loss_usd", stats.averageLoss());
        json.put("win_loss_ratio", Double.isNaN(stats.winLossRatio()) ? null : stats.winLossRatio());
        json.put("expectancy_usd", stats.expectancy());
        json.put("realized_pnl_usd", stats.realizedPnl());
        json.put("equity_usd", report.equity());
        json.put("max_drawdown_pct", report.maxDrawdownPct());
        Map<String, Object> stops = new java.util.LinkedHashMap<>();
        stops.put("positions", report.stops().positions());
        stops.put("median_pct", Double.isNaN(report.stops().medianPct()) ? null : report.stops().medianPct());
        stops.put("share_on_floor", report.stops().onFloor());
        stops.put("share_on_cap", report.stops().onCap());
        json.put("hard_stop_distance", stops);
        json.put("traded_share", Double.isNaN(report.tradedShare()) ? null : report.tradedShare());
        json.put("halts", report.halts().stream().map(halt -> {
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("at", halt.at() == null ? null : halt.at().toString());
            entry.put("reason", halt.reason());
            return entry;
        }).toList());
        json.put("open_positions", report.openPositions());
        return json;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f", fraction * 100);
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
