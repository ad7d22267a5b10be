package dev.sigil.fleet.watch;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.db.notification.NotificationStore;
import dev.sigil.fleet.discord.DiscordMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The words of the monitor's Discord messages: alerts, reminders, recoveries, flapping, unreachable databases, clean stops. */
final class AlertComposer {

    private final String username;
    private final String footer;

    AlertComposer(String username, String monitorName) {
        this.username = username;
        this.footer = "sigil monitor " + monitorName;
    }

    DiscordMessage alert(String variant, HeartbeatCheck.Verdict verdict, Heartbeat heartbeat, long incident, int reminder, Instant openedAt, Instant now) {
        String what = verdict.state().token().equals("data_stalled") ? "market data stalled" : "scanner stale";
        String title = reminder == 0 ? "⚠ " + variant + ": " + what : "⏰ " + variant + " still " + verdict.state().token() + " (reminder " + reminder + ")";
        List<DiscordMessage.Field> fields = new ArrayList<>(heartbeatFields(variant, verdict, heartbeat));
        if (reminder > 0) {
            fields.add(new DiscordMessage.Field("incident open for", HeartbeatCheck.words(Duration.between(openedAt, now)), true));
        }
        fields.add(new DiscordMessage.Field("circuit breaker", "tripped by the monitor: no entries until a person resets it", false));
        return message(title, verdict.summary(), DiscordMessage.RED, fields, "incident #" + incident, now);
    }

    DiscordMessage recovered(String variant, Instant downSince, Instant openedAt, Instant now, long incident) {
        Duration down = Duration.between(downSince != null ? downSince : openedAt, now);
        return message("✅ " + variant + " recovered after " + HeartbeatCheck.words(down), "its scan cycles end on time again",
                DiscordMessage.GREEN, List.of(new DiscordMessage.Field("variant", variant, true),
                        new DiscordMessage.Field("down for", HeartbeatCheck.words(down), true),
                        new DiscordMessage.Field("circuit breaker", "stays tripped: fleet breaker reset " + variant + " --reason \"...\"", false)),
                "incident #" + incident, now);
    }

    DiscordMessage flapping(String variant, int incidentsLastHour, Instant now) {
        return message("🔁 " + variant + " is flapping", incidentsLastHour + " incidents in the last hour: reported once, not per transition",
                DiscordMessage.AMBER, List.of(new DiscordMessage.Field("variant", variant, true)), "flapping", now);
    }

    DiscordMessage unreachable(String variant, String error, int reminder, Instant openedAt, Instant now) {
        String title = reminder == 0 ? "⚠ " + variant + ": database unreachable" : "⏰ " + variant + " database still unreachable (reminder " + reminder + ")";
        return message(title, error, DiscordMessage.RED, List.of(new DiscordMessage.Field("variant", variant, true),
                new DiscordMessage.Field("since", openedAt.toString(), true),
                new DiscordMessage.Field("circuit breaker", "cannot be tripped while its database is down; the runner writes to the same database", false)),
                "unreachable", now);
    }

    DiscordMessage databaseBack(String variant, Instant openedAt, Instant now) {
        return message("✅ " + variant + " database reachable again after " + HeartbeatCheck.words(Duration.between(openedAt, now)), "",
                DiscordMessage.GREEN, List.of(new DiscordMessage.Field("variant", variant, true)), "unreachable", now);
    }

    DiscordMessage stopped(String variant, HeartbeatCheck.Verdict verdict, long session, Instant now) {
        return message("⏹ " + variant + " stopped", verdict.summary() + ": not alerted, its breaker left as it is",
                DiscordMessage.BLUE, List.of(new DiscordMessage.Field("variant", variant, true), new DiscordMessage.Field("last session", "#" + session, true)),
                "stopped", now);
    }

    DiscordMessage notification(NotificationStore.Notification note) {
        String mark = switch (note.kind()) {
            case "halt" -> "🛑 ";
            case "risk_trip", "breaker_trip" -> "⛔ ";
            case "breaker_reset" -> "▶ ";
            case "crash_restart" -> "↻ ";
            default -> "";
        };
        int color = switch (note.kind()) {
            case "breaker_reset" -> DiscordMessage.GREEN;
            case "crash_restart" -> DiscordMessage.AMBER;
            default -> DiscordMessage.RED;
        };
        return message(mark + note.title(), note.detail(), color, List.of(new DiscordMessage.Field("variant", note.variant(), true),
                new DiscordMessage.Field("at", note.createdAt().toString(), true)), note.kind(), note.createdAt());
    }

    private static List<DiscordMessage.Field> heartbeatFields(String variant, HeartbeatCheck.Verdict verdict, Heartbeat heartbeat) {
        List<DiscordMessage.Field> fields = new ArrayList<>();
        fields.add(new DiscordMessage.Field("variant", variant, true));
        fields.add(new DiscordMessage.Field("state", verdict.state().token(), true));
        fields.add(new DiscordMessage.Field("host", heartbeat == null || heartbeat.host() == null ? "unknown"
                : heartbeat.host() + (heartbeat.pid() == null ? "" : " pid " + heartbeat.pid()), true));
        fields.add(new DiscordMessage.Field("last scan end", heartbeat == null || heartbeat.lastScanEnd() == null ? "never" : heartbeat.lastScanEnd().toString(), true));
        fields.add(new DiscordMessage.Field("age", verdict.age() == null ? "never" : HeartbeatCheck.words(verdict.age()), true));
        if (heartbeat != null && heartbeat.newestCandleTime() != null) {
            fields.add(new DiscordMessage.Field("newest candle", heartbeat.newestCandleTime().toString(), true));
        }
        return fields;
    }

    private DiscordMessage message(String title, String description, int color, List<DiscordMessage.Field> fields, String tag, Instant now) {
        return new DiscordMessage(username, null, List.of(new DiscordMessage.Embed(title, description, color, fields, footer + " · " + tag, now)));
    }
}
