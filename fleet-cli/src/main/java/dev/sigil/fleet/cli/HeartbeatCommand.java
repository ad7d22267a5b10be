package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.config.fleet.DiscordSettings;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.FleetSettings;
import dev.sigil.fleet.config.fleet.MonitorSettings;
import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.db.heartbeat.HeartbeatStore;
import dev.sigil.fleet.watch.FleetWatch;
import dev.sigil.fleet.pg.SigilHome;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import java.io.PrintWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
                    "Alone it is stateless and only reads: it cannot see market data stalling (the monitor watches that). With --act "
                            + "(the systemd timer's way) it acts as the monitor does for this one round, on the monitor's own incident rows "
                            + "and claims: a stale or data-stalled variant gets an incident, its breaker tripped once per incident and one "
                            + "Discord alert (then a reminder every realert_minutes), and a recovery is told; a variant seen by both the "
                            + "monitor and the probe gets one alert and one trip."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FleetOptions fleet;

        @Mixin
        OutputOptions output;

        @Option(names = {"--act", "--discord"}, description = "Act as the monitor does (needs the fleet file): open incidents, trip breakers once "
                + "per incident, alert on the fleet file's Discord webhook (when one is configured) and tell recoveries. --discord is the "
                + "name earlier timers used.")
        boolean act;

        @Option(names = "--state-file", paramLabel = "FILE", description = "With --act: where incidents about unreachable databases are kept "
                + "between runs (default: $STATE_DIRECTORY/probe-incidents.json under systemd, else $SIGIL_HOME/probe-incidents.json).")
        java.nio.file.Path stateFile;

        @Option(names = "--stale-after", paramLabel = "DURATION", description = "e.g. 25m, 90s, 1h (default: the fleet file's monitor.stale_after_seconds, else 25m).")
        String staleAfter;

        @Override
        public Integer call() throws Exception {
            MonitorSettings settings = fleet.fleet().map(file -> file.settings().monitor()).orElse(FleetSettings.defaultSettings().monitor());
            Duration stale = staleAfter != null ? Durations.parse("--stale-after", staleAfter) : Duration.ofSeconds(settings.staleAfterSeconds());
            List<Map<String, Object>> results = act ? actAsTheMonitor(staleAfter != null ? stale : null) : read(settings, stale);
            boolean anyStale = results.stream().anyMatch(result -> HeartbeatState.STALE.token().equals(result.get("state"))
                    || HeartbeatState.DATA_STALLED.token().equals(result.get("state")));
            boolean anyUnreachable = results.stream().anyMatch(result -> HeartbeatState.UNREACHABLE.token().equals(result.get("state")));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println(Json.write(results));
            } else {
                results.forEach(result -> out.printf("%-12s %-12s %s%s%n", result.get("variant"), result.get("state"), result.get("detail"),
                        result.get("actions") instanceof List<?> done && !done.isEmpty() ? " — " + String.join(", ", done.stream().map(String::valueOf).toList()) : ""));
            }
            return anyUnreachable ? ExitCodes.UNREACHABLE : anyStale ? ExitCodes.FAILED : ExitCodes.OK;
        }

        /** The stateless probe: each heartbeat read and judged, nothing written. */
        private List<Map<String, Object>> read(MonitorSettings settings, Duration stale) {
            HeartbeatCheck.Thresholds thresholds = new HeartbeatCheck.Thresholds(stale, Duration.ofDays(3650), Duration.ofSeconds(settings.stuckAfterSeconds()));
            Instant now = Instant.now();
            return FanOut.map(fleet.targets(), target -> check(target, thresholds, now));
        }

        /** One round of the monitor's own check, under this probe's name, on the monitor's incident rows and claims. */
        private List<Map<String, Object>> actAsTheMonitor(Duration staleAfter) throws Exception {
            FleetFile file = fleet.fleet().orElseThrow(() -> new IllegalArgumentException(
                    "--act acts on the fleet's incidents and breakers as the monitor does: give the fleet file (--fleet FILE), not --db"));
            DiscordWebhookAlerter alerter = discordAlerter();
            Set<String> chosen = fleet.targets().stream().map(VariantTarget::name).collect(java.util.stream.Collectors.toSet());
            String name = "probe@" + java.net.InetAddress.getLocalHost().getHostName();
            try (FleetWatch watch = new FleetWatch(file, alerter, Clock.systemUTC(), name, new SimpleMeterRegistry(), stateFile(), staleAfter)) {
                List<Map<String, Object>> results = new ArrayList<>();
                for (FleetWatch.Observation seen : watch.check(chosen::contains)) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("variant", seen.variant());
                    result.put("state", seen.state().token());
                    result.put("age_seconds", seen.age() == null ? null : seen.age().toSeconds());
                    result.put("detail", seen.summary());
                    result.put("actions", seen.actions());
                    results.add(result);
                }
                return results;
            }
        }

        private java.nio.file.Path stateFile() {
            if (stateFile != null) {
                return stateFile;
            }
            String systemd = System.getenv("STATE_DIRECTORY");
            java.nio.file.Path directory = systemd != null && !systemd.isBlank() ? java.nio.file.Path.of(systemd.split(":")[0]) : SigilHome.directory();
            return directory.resolve("probe-incidents.json");
        }

        private static Map<String, Object> check(VariantTarget target, HeartbeatCheck.Thresholds thresholds, Instant now) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("variant", target.name());
            try (Connection connection = target.database().connect()) {
                Heartbeat heartbeat = HeartbeatStore.read(connection, target.name()).orElse(null);
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
    }
}
