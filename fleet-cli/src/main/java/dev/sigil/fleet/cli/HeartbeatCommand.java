package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.io.fleet.FleetSettings;
import dev.sigil.fleet.io.fleet.MonitorSettings;
import dev.sigil.fleet.io.fleet.VariantTarget;
import dev.sigil.fleet.io.monitor.HeartbeatReader;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
            Instant now = Instant.now();
            List<Map<String, Object>> results = new ArrayList<>();
            boolean anyStale = false;
            boolean anyUnreachable = false;
            for (VariantTarget target : fleet.targets()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("variant", target.name());
                try (Connection connection = target.database().connect()) {
                    Heartbeat heartbeat = HeartbeatReader.read(connection, target.name()).orElse(null);
                    HeartbeatCheck.Verdict verdict = HeartbeatCheck.evaluate(heartbeat, now, null, thresholds);
                    result.put("state", verdict.state().token());
                    result.put("age_seconds", verdict.age() == null ? null : verdict.age().toSeconds());
                    result.put("detail", verdict.summary());
                    anyStale |= verdict.state() == HeartbeatState.STALE;
                } catch (Exception e) {
                    result.put("state", HeartbeatState.UNREACHABLE.token());
                    result.put("detail", Errors.brief(e));
                    anyUnreachable = true;
                }
                results.add(result);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println(Json.write(results));
            } else {
                results.forEach(result -> out.printf("%-12s %-12s %s%n", result.get("variant"), result.get("state"), result.get("detail")));
            }
            if (discord && (anyStale || anyUnreachable)) {
                notifyDiscord(results, now);
            }
            return anyUnreachable ? ExitCodes.UNREACHABLE : anyStale ? ExitCodes.FAILED : ExitCodes.OK;
        }

        private void notifyDiscord(List<Map<String, Object>> results, Instant now) {
            var settings = fleet.fleet().map(file -> file.settings().discord()).orElse(FleetSettings.defaultSettings().discord());
            List<dev.sigil.fleet.monitor.discord.DiscordMessage.Field> fields = results.stream()
                    .filter(result -> !"fresh".equals(result.get("state")))
                    .map(result -> new dev.sigil.fleet.monitor.discord.DiscordMessage.Field(result.get("variant") + ": " + result.get("state"),
                            String.valueOf(result.get("detail")), false)).toList();
            var message = new dev.sigil.fleet.monitor.discord.DiscordMessage(settings.username(), null, List.of(
                    new dev.sigil.fleet.monitor.discord.DiscordMessage.Embed("⚠ heartbeat probe: " + fields.size() + " variant(s) not fresh",
                            "the probe beside the monitor (fleet heartbeat check) found these", dev.sigil.fleet.monitor.discord.DiscordMessage.RED,
                            fields, "fleet heartbeat check", now)));
            var outcome = dev.sigil.fleet.monitor.discord.DiscordWebhookAlerter.of(settings.webhookUrl()).send(message);
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
