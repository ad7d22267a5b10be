package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.db.pause.PauseStore;
import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.core.incident.WatchRule;
import dev.sigil.fleet.db.session.SessionStore;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.config.fleet.FleetSettings;
import dev.sigil.fleet.config.fleet.MonitorSettings;
import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.db.report.VariantStatus;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
                "One table for the whole fleet: each variant's database reachable or not, mode (ACTIVE / DEGRADED / HALT), "
                        + "circuit breaker, heartbeat age, current session and its age, open positions, equity and today's (UTC) "
                        + "realized P&L. A variant whose database cannot be reached is shown as such; the others still are.",
                "Exit 2 when a database is unreachable."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "5",
            description = "Redraw every SECONDS (default 5) until interrupted.")
    Integer watch;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        while (true) {
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean unreachable = collect(rows);
            if (watch != null) {
                out.print("\033[H\033[2J");
                out.println("fleet status at " + Instant.now().toString().substring(0, 19).replace('T', ' ') + " UTC (every " + watch + " s; Ctrl-C to stop)");
            }
            if (output.json()) {
                out.println(Json.write(rows));
            } else {
                out.println(Tables.render(List.of("variant", "reachable", "mode", "breaker", "heartbeat", "session", "open#", "equity$", "today P&L$"),
                        rows.stream().map(StatusCommand::cells).toList()));
            }
            out.flush();
            if (watch == null) {
                return unreachable ? ExitCodes.UNREACHABLE : ExitCodes.OK;
            }
            Thread.sleep(watch * 1000L);
        }
    }

    private boolean collect(List<Map<String, Object>> rows) {
        MonitorSettings thresholds = fleet.fleet().map(file -> file.settings().monitor()).orElse(FleetSettings.defaultSettings().monitor());
        Instant now = Instant.now();
        rows.addAll(FanOut.map(fleet.targets(), target -> row(target, thresholds, now)));
        return rows.stream().anyMatch(row -> Boolean.FALSE.equals(row.get("reachable")));
    }

    private static Map<String, Object> row(VariantTarget target, MonitorSettings settings, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("variant", target.name());
        try (Connection connection = target.database().connect()) {
            VariantStatus status = VariantStatus.read(connection, target.name(), now);
            row.put("reachable", true);
            row.put("mode", status.mode());
            row.put("overlay_problem", status.overlayProblem());
            row.put("breaker", status.breaker());
            row.put("breaker_reason", status.breakerReason());
            row.put("last_scan_end", status.lastScanEnd());
            Duration age = status.lastScanEnd() == null ? null : Duration.between(status.lastScanEnd(), now);
            row.put("heartbeat_age_seconds", age == null ? null : age.toSeconds());
            HeartbeatCheck.CleanStop stop = SessionStore.lastEnd(connection, target.name())
                    .map(last -> WatchRule.cleanStop(last.endedAt(), last.endReason(), last.lockHeld())).orElse(null);
            // the watch's rule, as the monitor judges (without its memory of when the newest candle last moved)
            HeartbeatCheck.Verdict verdict = settings.watchRule(null).judge(new Heartbeat(target.name(), status.lastScanStart(), status.lastScanEnd(),
                    status.newestCandle(), 0, status.sessionId(), null, null), now, null, stop);
            var pause = PauseStore.active(connection, target.name(), now);
            row.put("stopped", stop != null);
            row.put("stop_reason", stop == null ? null : stop.reason());
            row.put("heartbeat_state", verdict.state().token());
            row.put("stale", verdict.state() == HeartbeatState.STALE);
            row.put("paused_until", pause.map(paused -> paused.until().toString()).orElse(null));
            row.put("paused_by", pause.map(PauseStore.Pause::by).orElse(null));
            row.put("pause_reason", pause.map(PauseStore.Pause::reason).orElse(null));
            row.put("session_id", status.sessionId());
            row.put("session_age_seconds", status.sessionStartedAt() == null ? null : Duration.between(status.sessionStartedAt(), now).toSeconds());
            row.put("market_data", status.marketData());
            row.put("session_end_reason", status.sessionEndReason());
            row.put("open_positions", status.openPositions());
            row.put("equity_usd", status.equity());
            row.put("realized_today_usd", status.realizedToday());
        } catch (Exception e) {
            row.put("reachable", false);
            row.put("error", Errors.brief(e));
        }
        return row;
    }

    private static List<String> cells(Map<String, Object> row) {
        if (Boolean.FALSE.equals(row.get("reachable"))) {
            return List.of(row.get("variant").toString(), "NO: " + row.get("error"), "", "", "", "", "", "", "");
        }
        Object ageSeconds = row.get("heartbeat_age_seconds");
        String heartbeat = (Boolean.TRUE.equals(row.get("stopped")) ? "stopped (" + row.get("stop_reason") + ") " : "")
                + (ageSeconds == null ? "never" : (Boolean.TRUE.equals(row.get("stale")) ? "STALE " : "")
                + HeartbeatCheck.words(Duration.ofSeconds((Long) ageSeconds)) + " ago")
                + (row.get("paused_until") == null ? "" : ", paused until " + row.get("paused_until").toString().replace('T', ' ').replaceAll(":\\d\\d(\\.\\d+)?Z$", " UTC")
                        + " (" + row.get("pause_reason") + ")");
        String breaker = "tripped".equals(row.get("breaker")) ? "TRIPPED (" + row.get("breaker_reason") + ")" : "closed";
        String session = row.get("session_id") == null ? "none"
                : row.get("session_end_reason") != null ? "#" + row.get("session_id") + " ended " + row.get("session_end_reason")
                : "#" + row.get("session_id") + ", " + HeartbeatCheck.words(Duration.ofSeconds((Long) row.get("session_age_seconds"))) + " (" + row.get("market_data") + ")";
        Object equity = row.get("equity_usd");
        Object overlay = row.get("overlay_problem");
        String mode = row.get("mode") + (overlay == null ? "" : overlay.toString().startsWith("overlay invalid") ? " (overlay invalid)" : " (overlay not applied)");
        return List.of(row.get("variant").toString(), "yes", mode, breaker, heartbeat, session,
                row.get("open_positions").toString(), equity == null ? "-" : String.format(Locale.ROOT, "%.2f", (Double) equity),
                String.format(Locale.ROOT, "%.2f", (Double) row.get("realized_today_usd")));
    }
}
