package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.testkit.KlineDumps;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresFixture.class)
class BacktestCommandTest {

    /** Three daily dump files of one-minute candles for two symbols, as data.binance.vision names them. */
    private static void dumps(Path dir) throws Exception {
        KlineDumps.syntheticDays(dir, 11, List.of("SOLUSDT", "TSTUSDT"), List.of("2024-01-01", "2024-01-02", "2024-01-03"));
    }

    @Test
    void backtestReplaysTheFilesOnTheGivenDatabaseAndPrintsTheSummary(@TempDir Path data) throws Exception {
        dumps(data);
        TestDatabase database = TestPostgres.freshDatabase(BacktestCommandTest.class);
        String url = database.jdbcUrl() + "?user=" + database.user();
        String overlays = RepoFiles.gridOverlays().toString();

        CliRun run = CliRun.of("backtest", "--variant", "aggressive", "--data", data.toString(), "--db", url, "--overlays", overlays,
                "--set", "exit.max_hold_minutes=30");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("backtest aggressive over 6 files (SOLUSDT, TSTUSDT, 1m candles)");
        assertThat(run.out()).containsPattern("session \\d+ ended replay_exhausted").contains("6,720 candles").contains("sessions ended: ")
                .contains("warm-up: the first 16 hours of the data (1,920 candles), no trading")
                .containsPattern("trades \\d+ · win rate").contains("exit reasons: ").contains("time_exit")
                .contains("input: 6 files, 8,640 rows, 0 skipped\n");

        CliRun again = CliRun.of("backtest", "--variant", "aggressive", "--data", data.toString(), "--db", url, "--overlays", overlays);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already holds sessions of variant aggressive (the last ended replay_exhausted)");
    }

    @Test
    void aHaltLatchesTheBreakerForTheRestOfTheBacktestAndTheSummarySaysWhenAndHowMuchWasTraded(@TempDir Path data) throws Exception {
        // four hot stretches in one day-long session: the fourth anchor_saturation episode HALTs at minute ~160 of 900
        GuardScenarioData.write(data, 900, i -> (i >= 40 && i < 52) || (i >= 80 && i < 92) || (i >= 120 && i < 132) || (i >= 160 && i < 172));
        List<String> args = new java.util.ArrayList<>(List.of("backtest", "--variant", "baseline", "--data", data.toString(), "--overlays",
                RepoFiles.gridOverlays().toString(), "--json"));
        for (String set : GuardScenarioData.sets("scanner.session_duration_seconds=86400")) {
            args.addAll(List.of("--set", set));
        }

        TestDatabase latched = TestPostgres.freshDatabase(BacktestCommandTest.class);
        CliRun asLive = CliRun.of(with(args, "--db", latched.jdbcUrl() + "?user=" + latched.user()));
        TestDatabase resumed = TestPostgres.freshDatabase(BacktestCommandTest.class);
        CliRun resuming = CliRun.of(with(args, "--db", resumed.jdbcUrl() + "?user=" + resumed.user(), "--resume-after-halt"));

        assertThat(asLive.exitCode()).as(asLive.toString()).isZero();
        var live = new com.fasterxml.jackson.databind.ObjectMapper().readTree(asLive.out());
        assertThat(live.get("halts")).hasSize(1);
        assertThat(live.get("halts").get(0).get("reason").asText()).isEqualTo("degraded_episode_cap");
        assertThat(live.get("halts").get(0).get("at").asText()).startsWith("2024-05-01T02:");
        assertThat(live.get("traded_share").asDouble()).as("tripped from the HALT to the end: about 160 of 900 minutes traded")
                .isBetween(0.15, 0.25);
        assertThat(live.get("circuit_breaker").asText()).isEqualTo("tripped: degraded_episode_cap by runner");

        assertThat(resuming.exitCode()).as(resuming.toString()).isZero();
        var experiment = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resuming.out());
        assertThat(experiment.get("halts")).as("the HALT is still counted").hasSize(1);
        assertThat(experiment.get("traded_share").asDouble()).as("reset at the next session: all of the data traded").isGreaterThan(0.99);
        assertThat(experiment.get("trades").asInt()).isGreaterThan(live.get("trades").asInt());
        assertThat(experiment.get("circuit_breaker").asText()).isEqualTo("closed");
        try (var connection = resumed.connect(); var rows = connection.createStatement()
                .executeQuery("SELECT string_agg(event || ' by ' || actor, ', ' ORDER BY id) FROM circuit_breaker_events")) {
            rows.next();
            assertThat(rows.getString(1)).as("audited").isEqualTo("trip by runner, reset by backtest");
        }
    }

    @Test
    void theTerminalKeepsToTheSummaryWhileEveryGuardLineGoesToTheRunsLogFile(@TempDir Path data, @TempDir Path logs) throws Exception {
        java.time.LocalDate first = java.time.LocalDate.parse("2024-03-01");
        dev.sigil.fleet.testkit.FlappingMarket.write(data, 7, List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT", "TSTUSDT"), first, 2,
                dev.sigil.fleet.testkit.FlappingMarket.hours(first, List.of(1), 10, 12));
        Path log = logs.resolve("flapping.log");

        CliRun run = CliRun.of("backtest", "--variant", "baseline", "--data", data.toString(), "--db", freshUrl(), "--overlays",
                RepoFiles.gridOverlays().toString(), "--log", log.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as("no log line on the terminal, only the run's own words").doesNotContain("WARN").doesNotContain("INFO")
                .doesNotContain("directional_drift");
        assertThat(run.out()).containsPattern("guard episodes: directional_drift \\d+ \\(recovered \\d+\\)").contains("log: " + log);
        assertThat(Files.readString(log)).contains("guard t").contains("directional_drift degraded episode=1").contains("HALT (degraded_episode_cap");
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Rewrites a dump zip with one byte outside ASCII on the given line (1-based). */
    private static void damageLine(Path zipFile, int line) throws Exception {
        byte[] csv;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            zip.getNextEntry();
            csv = zip.readAllBytes();
        }
        int at = 0;
        for (int i = 1; i < line; i++) {
            while (csv[at] != '\n') {
                at++;
            }
            at++;
        }
        csv[at + 3] = (byte) 0xE9;
        KlineDumps.zip(zipFile, zipFile.getFileName().toString().replace(".zip", ".csv"), csv);
    }

    private static String freshUrl() {
        TestDatabase database = TestPostgres.freshDatabase(BacktestCommandTest.class);
        return database.jdbcUrl() + "?user=" + database.user();
    }

    @Test
    void unusableFileStopsTheBacktestWithExit65AndOneLineNamingIt(@TempDir Path data) throws Exception {
        dumps(data);
        Path broken = KlineDumps.truncate(data.resolve("TSTUSDT-1m-2024-01-02.zip"), Files.size(data.resolve("TSTUSDT-1m-2024-01-02.zip")) / 2);

        CliRun run = CliRun.of("backtest", "--variant", "aggressive", "--data", data.toString(), "--db", freshUrl(),
                "--overlays", RepoFiles.gridOverlays().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(65);
        assertThat(run.err().lines().filter(line -> line.startsWith("fleet backtest: "))).singleElement().satisfies(line -> assertThat(line)
                .startsWith("fleet backtest: unusable kline file " + broken.toAbsolutePath() + ": truncated_archive at line ")
                .contains("(Unexpected end of ZLIB input stream)")
                .endsWith("or pass --skip-bad-files to replay what can be read and go on with the next file"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void withSkipBadFilesTheBacktestRunsToTheEndAndItsSummaryCountsSkippedRowsAndNamesTheBadFiles(@TempDir Path data) throws Exception {
        dumps(data);
        Path broken = data.resolve("TSTUSDT-1m-2024-01-02.zip");
        KlineDumps.truncate(broken, Files.size(broken) / 2);
        damageLine(data.resolve("SOLUSDT-1m-2024-01-01.zip"), 500);
        String overlays = RepoFiles.gridOverlays().toString();

        CliRun text = CliRun.of("backtest", "--variant", "aggressive", "--data", data.toString(), "--db", freshUrl(), "--overlays", overlays,
                "--skip-bad-files");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).containsPattern("session \\d+ ended replay_exhausted")
                .containsPattern("input: 6 files, [\\d,]+ rows, 1 skipped \\(non_ascii 1\\), 1 unusable file \\(truncated_archive 1\\)\n")
                .contains("  bad file SOLUSDT-1m-2024-01-01.zip: 1 row skipped (non_ascii 1) from line 500\n")
                .containsPattern("  bad file TSTUSDT-1m-2024-01-02.zip: unusable: truncated_archive at line \\d+ "
                        + "\\(Unexpected end of ZLIB input stream\\), the rest of the file skipped\n");

        CliRun json = CliRun.of("backtest", "--variant", "aggressive", "--data", data.toString(), "--db", freshUrl(), "--overlays", overlays,
                "--skip-bad-files", "--json");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode input = new ObjectMapper().readTree(json.out()).get("input");
        long brokenAt = input.get("bad_files").get(1).get("unusable_at_line").asLong();
        assertThat(input.get("files").asInt()).isEqualTo(6);
        assertThat(input.get("rows").asLong()).as("every row of five files, and the truncated one's up to its break").isEqualTo(5 * 1440 + brokenAt - 1);
        assertThat(input.get("rows_skipped").asLong()).isEqualTo(1);
        assertThat(input.get("rows_skipped_by_reason").toString()).isEqualTo("{\"non_ascii\":1}");
        assertThat(input.get("unusable_files_by_reason").toString()).isEqualTo("{\"truncated_archive\":1}");
        assertThat(input.get("bad_files").get(0).toString()).isEqualTo("{\"file\":\"SOLUSDT-1m-2024-01-01.zip\",\"rows_skipped_by_reason\":"
                + "{\"non_ascii\":1},\"first_skipped_line\":500,\"unusable\":null,\"unusable_at_line\":null,\"detail\":null}");
        assertThat(input.get("bad_files").get(1).get("file").asText()).isEqualTo("TSTUSDT-1m-2024-01-02.zip");
        assertThat(input.get("bad_files").get(1).get("unusable").asText()).isEqualTo("truncated_archive");
        assertThat(brokenAt).isBetween(2L, 1440L);
    }

    @Test
    void invalidSetIsRefusedWithEveryProblemBeforeAnythingRuns(@TempDir Path data) throws Exception {
        dumps(data);
        CliRun run = CliRun.of("backtest", "--variant", "baseline", "--data", data.toString(), "--db", "jdbc:postgresql://127.0.0.1:1/none",
                "--overlays", RepoFiles.gridOverlays().toString(), "--set", "exit.hard_stop_cap_pct=120", "--set", "exit.trail=1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIG);
        assertThat(run.err()).contains("--set: exit.hard_stop_cap_pct = 120: is out of range").contains("--set: exit.trail: unknown key");
    }
}
