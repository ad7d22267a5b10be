package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.watch.FleetWatch;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import dev.sigil.fleet.discord.FakeDiscordServer;
import dev.sigil.fleet.testkit.CapturedLogs;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** status, heartbeat check, grid apply and completion, on real databases and real overlay files. */
@ExtendWith(PostgresFixture.class)
class OperationsCommandsTest {

    private static Path fleetWith(Path dir, TestDatabase fresh, TestDatabase stale) throws Exception {
        return fleetWith(dir, fresh, stale, "");
    }

    private static Path fleetWith(Path dir, TestDatabase fresh, TestDatabase stale, String sections) throws Exception {
        for (TestDatabase database : new TestDatabase[] {fresh, stale}) {
            new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        }
        try (Connection connection = fresh.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO sessions (variant_id, started_at, duration_limit_s, config_hash, config_json, market_data)"
                    + " VALUES ('baseline', now() - interval '70 minutes', 7200, 'h', '{}', 'binance')");
            sql.execute("INSERT INTO scanner_heartbeat (variant_id, last_scan_start, last_scan_end, updated_at) VALUES ('baseline', now(), now(), now())");
            sql.execute("INSERT INTO engine_state (key, value) VALUES ('mode', 'DEGRADED')");
            sql.execute("INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee, stop_price, atr_at_entry,"
                    + " highest_price, exit_time, exit_price, exit_fee, exit_reason, realized_pnl) VALUES ('baseline', 1, 'SOLUSDT', 'closed', now() - interval '2 minutes',"
                    + " 100, 0.5, 0.05, 97, 1, 100, now() - interval '1 minute', 102, 0.05, 'atr_trail', 0.9)");
        }
        try (Connection connection = stale.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO scanner_heartbeat (variant_id, last_scan_start, last_scan_end, updated_at)"
                    + " VALUES ('moderate', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours')");
            sql.execute("INSERT INTO circuit_breaker (variant_id, state, reason, tripped_at, tripped_by) VALUES ('moderate', 'tripped', 'stale_heartbeat', now(), 'monitor')");
        }
        return new TestFleetFile().variant("baseline", fresh).variant("moderate", stale).unreachable("unhinged").sections(sections)
                .writeTo(dir.resolve("fleet.yaml"));
    }

    @Test
    void statusShowsEveryVariantAndSaysWhichDatabaseIsUnreachable(@TempDir Path dir) throws Exception {
        Path fleet = fleetWith(dir, TestPostgres.freshDatabase(OperationsCommandsTest.class), TestPostgres.freshDatabase(OperationsCommandsTest.class));

        CliRun run = CliRun.of("status", "--fleet", fleet.toString());
        CliRun json = CliRun.of("status", "--fleet", fleet.toString(), "--json", "--variant", "baseline");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.out()).containsPattern("baseline +yes +DEGRADED +closed +\\d+ s ago +#1, 1 h 10 min \\(binance\\) +0 +- +0\\.90")
                .containsPattern("moderate +yes +- +TRIPPED \\(stale_heartbeat\\) +STALE 2 h 0 min ago +none")
                .containsPattern("unhinged +NO: ");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"mode\" : \"DEGRADED\"").contains("\"realized_today_usd\" : 0.9");
    }

    @Test
    void heartbeatCheckExitsZeroOneOrTwoLikeTheShellProbe(@TempDir Path dir) throws Exception {
        Path fleet = fleetWith(dir, TestPostgres.freshDatabase(OperationsCommandsTest.class), TestPostgres.freshDatabase(OperationsCommandsTest.class));

        CliRun fresh = CliRun.of("heartbeat", "check", "--fleet", fleet.toString(), "--variant", "baseline");
        CliRun stale = CliRun.of("heartbeat", "check", "--fleet", fleet.toString(), "--variant", "baseline", "--variant", "moderate");
        CliRun lenient = CliRun.of("heartbeat", "check", "--fleet", fleet.toString(), "--variant", "moderate", "--stale-after", "3h");
        CliRun all = CliRun.of("heartbeat", "check", "--fleet", fleet.toString());
        CliRun bad = CliRun.of("heartbeat", "check", "--fleet", fleet.toString(), "--stale-after", "soon");

        assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
        assertThat(fresh.out()).containsPattern("baseline +fresh +last cycle ended");
        assertThat(stale.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(stale.out()).containsPattern("moderate +stale +no scan cycle has ended for 2 h 0 min");
        assertThat(lenient.exitCode()).isZero();
        assertThat(all.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(all.out()).containsPattern("unhinged +unreachable");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--stale-after takes a duration like 90s, 25m, 2h or 1d");
    }

    @Test
    void heartbeatCheckWithAMalformedWebhookSaysSoRedactedAndStillChecksEveryVariant(@TempDir Path dir) throws Exception {
        String url = "https://discord.com/api/webhooks/1311220000000000000/Xy9-secret token<with-characters-a-URI-rejects";
        Path webhook = Files.writeString(dir.resolve("discord-webhook"), url);
        Files.setPosixFilePermissions(webhook, PosixFilePermissions.fromString("rw-------"));
        Path fleet = fleetWith(dir, TestPostgres.freshDatabase(OperationsCommandsTest.class), TestPostgres.freshDatabase(OperationsCommandsTest.class),
                "discord:\n  webhook_url_file: " + webhook + "\n");

        CliRun all;
        CliRun fresh;
        CliRun stale;
        List<String> logged;
        try (CapturedLogs logs = CapturedLogs.start()) {
            String state = dir.resolve("probe-incidents.json").toString();
            all = CliRun.of("heartbeat", "check", "--discord", "--fleet", fleet.toString(), "--state-file", state);
            fresh = CliRun.of("heartbeat", "check", "--discord", "--fleet", fleet.toString(), "--variant", "baseline", "--state-file", state);
            stale = CliRun.of("heartbeat", "check", "--discord", "--fleet", fleet.toString(), "--variant", "baseline", "--variant", "moderate",
                    "--state-file", state);
            logged = logs.lines();
        }

        String problem = "discord: the Discord webhook URL from file " + webhook + " is invalid: illegal character in path at index "
                + url.indexOf(' ') + " (the URL is not shown: it holds the webhook token); nothing will be posted";
        assertThat(all.exitCode()).as(all.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(all.out()).containsPattern("baseline +fresh").containsPattern("moderate +stale .* — incident opened, alert failed")
                .containsPattern("unhinged +unreachable +database unreachable: Connection to .* refused.* — alert failed");
        assertThat(all.err()).contains(problem);
        assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
        assertThat(fresh.err()).as("said even when all is fresh: the probe's webhook must work before it is needed").contains(problem);
        assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(ExitCodes.FAILED);
        for (CliRun run : List.of(all, fresh, stale)) {
            assertThat(run.out() + run.err()).doesNotContain("Xy9-secret");
        }
        assertThat(logged).noneMatch(line -> line.contains("Xy9-secret"));
    }

    @Test
    void theTimersProbeActsOnTheMonitorsIncidentSoBothTogetherAlertOnceAndTripOnce(@TempDir Path dir) throws Exception {
        List<FakeDiscordServer.Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FakeDiscordServer discord = FakeDiscordServer.start(received::add)) {
            Path webhook = Files.writeString(dir.resolve("discord-webhook"), discord.webhookUrl().toString());
            Files.setPosixFilePermissions(webhook, PosixFilePermissions.fromString("rw-------"));
            TestDatabase stale = TestPostgres.freshDatabase(OperationsCommandsTest.class);
            Path fleet = fleetWith(dir, TestPostgres.freshDatabase(OperationsCommandsTest.class), stale, "discord:\n  webhook_url_file: " + webhook + "\n");
            try (Connection connection = stale.connect(); Statement sql = connection.createStatement()) {
                sql.execute("DELETE FROM circuit_breaker");
            }
            String[] probe = {"heartbeat", "check", "--act", "--fleet", fleet.toString(), "--variant", "moderate", "--state-file",
                    dir.resolve("probe-incidents.json").toString()};

            CliRun first = CliRun.of(probe);
            FleetFile file = FleetFile.load(fleet);
            try (FleetWatch monitor = new FleetWatch(file, DiscordWebhookAlerter.of(file.settings().discord().webhookUrl()), Clock.systemUTC(),
                    "monitor-1", new SimpleMeterRegistry(), dir.resolve("monitor-incidents.json"))) {
                assertThat(monitor.check("moderate"::equals)).singleElement().satisfies(seen -> assertThat(seen.actions()).isEmpty());
            }
            CliRun again = CliRun.of(probe);

            assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(first.out()).containsPattern("moderate +stale +no scan cycle has ended for 2 h 0 min.* — incident opened, breaker tripped, alerted");
            assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(again.out()).containsPattern("moderate +stale +no scan cycle has ended").doesNotContain("alerted").doesNotContain("tripped");
            assertThat(received).as("one alert between the probe and the monitor").hasSize(1);
            try (Connection connection = stale.connect(); Statement sql = connection.createStatement();
                 java.sql.ResultSet trips = sql.executeQuery("SELECT count(*), min(reason) FROM circuit_breaker_events WHERE event = 'trip'")) {
                trips.next();
                assertThat(trips.getInt(1)).as("one trip between them").isEqualTo(1);
                assertThat(trips.getString(2)).isEqualTo("stale_heartbeat");
            }
        }
    }

    @Test
    void pauseIsShownInStatusEndsByItselfOrByResumeAndAStoppedRunnerShowsAsStopped(@TempDir Path dir) throws Exception {
        TestDatabase fresh = TestPostgres.freshDatabase(OperationsCommandsTest.class);
        TestDatabase stale = TestPostgres.freshDatabase(OperationsCommandsTest.class);
        Path fleet = fleetWith(dir, fresh, stale);
        try (Connection connection = fresh.connect(); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE sessions SET ended_at = now() - interval '1 minute', end_reason = 'signal_term'");
        }

        CliRun pause = CliRun.of("pause", "moderate", "--for", "90m", "--reason", "moving the container", "--fleet", fleet.toString());
        CliRun status = CliRun.of("status", "--fleet", fleet.toString(), "--variant", "baseline", "--variant", "moderate");
        CliRun json = CliRun.of("status", "--fleet", fleet.toString(), "--variant", "moderate", "--json");
        CliRun resume = CliRun.of("resume", "moderate", "--fleet", fleet.toString());
        CliRun again = CliRun.of("resume", "moderate", "--fleet", fleet.toString());
        CliRun after = CliRun.of("status", "--fleet", fleet.toString(), "--variant", "moderate");
        CliRun tooLong = CliRun.of("pause", "moderate", "--for", "30d", "--reason", "x", "--fleet", fleet.toString());

        assertThat(pause.exitCode()).as(pause.toString()).isZero();
        assertThat(pause.out()).containsPattern("moderate: paused until \\S+ by \\S+ \\(moving the container\\); no alert, no breaker trip until then");
        assertThat(status.out()).containsPattern("baseline .* stopped \\(signal_term\\) \\d+ s ago")
                .containsPattern("moderate .* STALE 2 h 0 min ago, paused until \\S+ \\S+ UTC \\(moving the container\\)");
        assertThat(json.out()).contains("\"pause_reason\" : \"moving the container\"").contains("\"paused_by\" : \"").contains("\"stopped\" : false");
        assertThat(resume.out()).contains("moderate: pause ended (it was set by ").contains("the monitor watches it again");
        String until = pause.out().replaceAll("(?s).*paused until (\\S+) by .*", "$1");
        assertThat(resume.out()).as("the end the pause had, not the moment it was ended").contains(" until " + until + ": moving the container");
        assertThat(again.out()).contains("moderate: was not paused; nothing changed");
        assertThat(after.out()).doesNotContain("paused");
        assertThat(tooLong.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooLong.err()).contains("--for 30d is not between 1 s and 7 d");
    }

    @Test
    void digestPrintsEachVariantsDayAndTheVerdictSoFar(@TempDir Path dir) throws Exception {
        Path fleet = fleetWith(dir, TestPostgres.freshDatabase(OperationsCommandsTest.class), TestPostgres.freshDatabase(OperationsCommandsTest.class));

        CliRun digest = CliRun.of("digest", "--print", "--fleet", fleet.toString());
        CliRun json = CliRun.of("digest", "--fleet", fleet.toString(), "--variant", "baseline", "--json");

        assertThat(digest.exitCode()).as(digest.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(digest.out()).startsWith("Sigil fleet digest · 24 h to ")
                .contains("  baseline: 1 trade, P&L +0.90 USD, win 100 %, expectancy +0.90 USD · DEGRADED · breaker closed · heartbeat fresh, ")
                .contains("  moderate: no trades · - · breaker tripped (stale_heartbeat) · heartbeat stale, 2 h 0 min ago")
                .containsPattern("  unhinged: database unreachable \\(Connection to .* refused")
                .contains("  D1 exit.hard_stop_multiplier: one arm only");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"trades\" : 1").contains("\"realized_pnl_usd\" : 0.9").contains("\"verdicts\" : [ \"D1 exit.hard_stop_multiplier");
    }

    @Test
    void gridApplyValidatesFirstKeepsCommentsAndPrintsTheChange(@TempDir Path dir) throws Exception {
        Path overlays = Files.createDirectories(dir.resolve("grid-overlays"));
        Files.copy(RepoFiles.gridOverlays().resolve("base.yaml"), overlays.resolve("base.yaml"));
        Path aggressive = Files.copy(RepoFiles.gridOverlays().resolve("aggressive.yaml"), overlays.resolve("aggressive.yaml"));
        String original = Files.readString(aggressive);

        CliRun refused = CliRun.of("grid", "apply", "aggressive", "exit.hard_stop_multiplier=40", "entry.cooldown_hours=-1", "--overlays", overlays.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIG);
        assertThat(refused.err()).contains("exit.hard_stop_multiplier = 40: is out of range").contains("entry.cooldown_hours = -1: is out of range");
        assertThat(Files.readString(aggressive)).as("untouched").isEqualTo(original);
        assertThat(overlays.toFile().list()).containsExactlyInAnyOrder("base.yaml", "aggressive.yaml");

        CliRun applied = CliRun.of("grid", "apply", "aggressive", "exit.hard_stop_multiplier=2.0", "exit.max_hold_minutes=240", "--overlays", overlays.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).containsPattern("exit\\.hard_stop_multiplier +2\\.5 +2\\.0").containsPattern("exit\\.max_hold_minutes +0 +240")
                .contains("picks this up at its next session start").contains("systemctl restart sigil-runner@aggressive");
        assertThat(Files.readString(aggressive)).startsWith("# aggressive — the wide-stop arm").contains("  hard_stop_multiplier: 2.0\n  max_hold_minutes: 240\n");
    }

    @Test
    void completionScriptIsGenerated() {
        CliRun run = CliRun.of("generate-completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F").contains("breaker").contains("heartbeat");
    }
}
