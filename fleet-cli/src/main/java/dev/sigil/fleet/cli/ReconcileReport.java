package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.reconcile.Boundary;
import dev.sigil.fleet.core.reconcile.CandleGap;
import dev.sigil.fleet.core.reconcile.Difference;
import dev.sigil.fleet.core.reconcile.Trade;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code fleet reconcile} found: a table of differences and a one-line summary, or all of it as JSON. */
record ReconcileReport(String variant, LocalDate since, List<Long> sessions, int replays, long candles, int liveTrades, int replayTrades,
                       List<CandleGap> gaps, List<Boundary> boundaries, List<Difference> differences, List<String> notes, String replayDatabase) {

    /** "0 differences over 12 trades in 3 sessions": the happy answer. */
    String summary() {
        int differenceCount = differences.size();
        return String.format(Locale.ROOT, "%d difference%s over %d trade%s in %d session%s", differenceCount, differenceCount == 1 ? "" : "s",
                liveTrades, liveTrades == 1 ? "" : "s", sessions.size(), sessions.size() == 1 ? "" : "s")
                + (replayTrades != liveTrades ? " (the replay made " + replayTrades + ")" : "");
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "reconcile %s since %s: %d live session(s) replayed in %d run(s) on %,d recorded candles%n", variant, since,
                sessions.size(), replays, candles);
        if (!gaps.isEmpty()) {
            out.println("gaps in the recorded candles:");
            gaps.forEach(gap -> out.println("  " + gap.describe()));
        }
        boundaries.forEach(boundary -> out.println(boundary.kind().words() + ": " + boundary.detail()));
        notes.forEach(note -> out.println("note: " + note));
        if (!differences.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Difference difference : differences) {
                rows.add(List.of(difference.kind().token(), difference.symbol(), difference.entryTime().toString(), describe(difference.live()),
                        describe(difference.replay()), difference.reason() == null ? "not found" : difference.reason()));
            }
            out.println(Tables.render(List.of("DIFFERENCE", "SYMBOL", "ENTRY CANDLE", "LIVE", "REPLAY", "REASON"), rows));
        }
        out.println(summary());
        out.println("replay database: " + replayDatabase);
    }

    private static String describe(Trade trade) {
        if (trade == null) {
            return "-";
        }
        String entry = String.format(Locale.ROOT, "%s x %s", number(trade.entryPrice()), number(trade.qty()));
        return trade.open() ? entry + ", open" : entry + ", " + trade.exitReason() + " " + trade.exitTime() + " @ " + number(trade.exitPrice());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.8g", value).replaceFirst("\\.?0+$", "");
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("variant", variant);
        json.put("since", since.toString());
        json.put("sessions", sessions);
        json.put("replays", replays);
        json.put("candles", candles);
        json.put("live_trades", liveTrades);
        json.put("replay_trades", replayTrades);
        json.put("gaps", gaps.stream().map(gap -> Map.of("symbol", gap.symbol(), "from", gap.from().toString(), "to", gap.to().toString(),
                "missing", gap.missing(), "description", gap.describe())).toList());
        json.put("boundaries", boundaries.stream().map(boundary -> Map.of("kind", boundary.kind().name().toLowerCase(Locale.ROOT),
                "at", boundary.at().toString(), "detail", boundary.detail())).toList());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Difference difference : differences) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", difference.kind().token());
            row.put("symbol", difference.symbol());
            row.put("entry_time", difference.entryTime().toString());
            row.put("live", trade(difference.live()));
            row.put("replay", trade(difference.replay()));
            row.put("reason", difference.reason());
            listed.add(row);
        }
        json.put("differences", listed);
        json.put("notes", notes);
        json.put("summary", summary());
        json.put("replay_database", replayDatabase);
        return json;
    }

    private static Map<String, Object> trade(Trade trade) {
        if (trade == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("session_id", trade.sessionId());
        json.put("entry_time", trade.entryTime().toString());
        json.put("entry_price", trade.entryPrice());
        json.put("qty", trade.qty());
        json.put("exit_time", trade.exitTime() == null ? null : trade.exitTime().toString());
        json.put("exit_reason", trade.exitReason());
        json.put("exit_price", trade.exitPrice());
        return json;
    }
}
