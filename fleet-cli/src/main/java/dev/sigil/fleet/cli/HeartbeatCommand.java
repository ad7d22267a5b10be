package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.io.db.FanOut;
import dev.sigil.fleet.io.fleet.DiscordSettings;
import dev.sigil.fleet.io.fleet.FleetSettings;
import dev.sigil.fleet.io.fleet.MonitorSettings;
import dev.sigil.fleet.io.fleet.VariantTarget;
import dev.sigil.fleet.io.monitor.HeartbeatReader;
import dev.sigil.fleet.monitor.discord.DiscordMessage;
import dev.sigil.fleet.monitor.discord.DiscordWebhookAlerter;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "heartbeat", mixinStandardHelpOptions = true,
        description = "The dead-man probe, for cron or a systemd timer as a second line of defence beside the monitor.",
        subcommands = {HeartbeatCommand.Check.class, CommandLine.HelpCommand.class})
final class HeartbeatCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {
                    "Read every variant's scanner_heartbeat once and say which are stale (no scan cycle ended within --stale-after) "
                            + "or unreachable. Exit 0 all fresh, 1 any stale, 2 any unreachable (2 wins).",
                    "Stateless: it cannot see market data stalling (the monitor watches that)."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FleetOptions fleet;

        @Mixin
        OutputOptions output;

        @Option(names = "--discord", description = "Also post to the fleet's Discord webhook (discord section of the fleet file) when a variant is stale or unreachable.")
        boolean discord;

        @Option(names = "--stale-after", paramLabel = "DURATION", description = "e.g. 25m, 90s, 1h (default: the fleet file's monitor.stale_after_seconds, else 25m).")
        String staleAfter;

        @Override
        public Integer call() {
            MonitorSettings settings = fleet.fleet().map(file -> file.settings().monitor()).orElse(FleetSettings.defaultSettings().monitor());
            Duration stale = staleAfter != null ? parse(staleAfter) : Duration.ofSeconds(settings.staleAfterSeconds());
            HeartbeatCheck.Thresholds thresholds = new HeartbeatCheck.Thresholds(stale, Duration.ofDays(3650), Duration.ofSeconds(settings.stuckAfterSeconds()));
            DiscordWebhookAlerter alerter = discord ? discordAlerter() : null;
            Instant now = Instant.now();
            List<Map<String, Object>> results = FanOut.map(fleet.targets(), target -> check(target, thresholds, now));
            boolean anyStale = results.stream().anyMatch(result -> HeartbeatState.STALE.token().equals(result.get("state")));
            boolean anyUnreachable = results.stream().anyMatch(result -> HeartbeatState.UNREACHABLE.token().equals(result.get("state")));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println(Json.write(results));
            } else {
                results.forEach(result -> out.printf("%-12s %-12s %s%n", result.get("variant"), result.get("state"), result.get("detail")));
            }
            if (alerter != null && (anyStale || anyUnreachable)) {
                notifyDiscord(alerter, results, now);
            }
            return anyUnreachable ? ExitCodes.UNREACHABLE : anyStale ? ExitCodes.FAILED : ExitCodes.OK;
        }

        private static Map<String, Object> check(VariantTarget target, HeartbeatCheck.Thresholds thresholds, Instant now) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("variant", target.name());
            try (Connection connection = target.database().connect()) {
                Heartbeat heartbeat = HeartbeatReader.read(connection, target.name()).orElse(null);
                HeartbeatCheck.Verdict verdict = HeartbeatCheck.evaluate(heartbeat, now, null, thresholds);
                result.put("state", verdict.state().token());
                result.put("age_seconds", verdict.age() == null ? null : verdict.age().toSeconds());
                result.put("detail", verdict.summary());
            } catch (Exception e) {
                result.put("state", HeartbeatState.UNREACHABLE.token());
                result.put("detail", Errors.brief(e));
            }
            return result;
        }

        /** The webhook, read and validated before the checks: a bad URL is said (redacted) and the checks still run. */
        private DiscordWebhookAlerter discordAlerter() {
            DiscordWebhookAlerter alerter = DiscordWebhookAlerter.of(discordSettings().webhookUrl());
            alerter.invalidReason().ifPresent(problem -> spec.commandLine().getErr().println("discord: " + problem + "; nothing will be posted"));
            return alerter;
        }

        private DiscordSettings discordSettings() {
            return fleet.fleet().map(file -> file.settings().discord()).orElse(FleetSettings.defaultSettings().discord());
        }

        private void notifyDiscord(DiscordWebhookAlerter alerter, List<Map<String, Object>> results, Instant now) {
            List<DiscordMessage.Field> fields = results.stream()
                    .filter(result -> !"fresh".equals(result.get("state")))
                    .map(result -> new DiscordMessage.Field(result.get("variant") + ": " + result.get("state"),
                            String.valueOf(result.get("detail")), false)).toList();
            var message = new DiscordMessage(discordSettings().username(), null, List.of(
                    new DiscordMessage.Embed("⚠ heartbeat probe: " + fields.size() + " variant(s) not fresh",
                            "the probe beside the monitor (fleet heartbeat check) found these", DiscordMessage.RED,
                            fields, "fleet heartbeat check", now)));
            DiscordWebhookAlerter.Outcome outcome = alerter.invalidReason().isPresent() ? DiscordWebhookAlerter.Outcome.INVALID_WEBHOOK : alerter.send(message);
            spec.commandLine().getErr().println("discord: " + outcome.name().toLowerCase(java.util.Locale.ROOT));
        }

        static Duration parse(String text) {
            var match = java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h|d)").matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
            if (!match.matches()) {
                throw new IllegalArgumentException("--stale-after takes a duration like 90s, 25m, 2h or 1d, not '" + text + "'");
            }
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
    }
}
