package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.pg.PostgresServer;
import dev.sigil.fleet.testkit.KlineDumps;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleet grid backtest} as a user runs it: runner processes, one fresh database each, then the comparison. */
@ExtendWith(PostgresFixture.class)
class GridBacktestCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    @TempDir
    static Path logs;

    @BeforeAll
    static void dumps() throws Exception {
        KlineDumps.syntheticDays(data, 11, List.of("SOLUSDT", "TSTUSDT"), List.of("2024-01-01", "2024-01-02", "2024-01-03"));
    }

    private static String server() {
        PostgresServer server = TestPostgres.server();
        return server.jdbcUrl("postgres") + "?user=" + server.user();
    }

    private static CliRun grid(String... args) {
        List<String> all = new ArrayList<>(List.of("grid", "backtest", "--data", data.toString(), "--db-server", server(), "--overlays",
                RepoFiles.gridOverlays().toString(), "--set", "exit.max_hold_minutes=30", "--json", "--jobs", "2", "--logs", logs.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static long closedTrades(String database) throws Exception {
        PostgresServer server = TestPostgres.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database) + "?user=" + server.user());
             ResultSet row = connection.createStatement().executeQuery("SELECT count(*) FROM positions WHERE status = 'closed'")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void twoVariantsRunAsProcessesIntoTheirOwnDatabasesAreComparedAndAReRunSkipsThem() throws Exception {
        CliRun first = grid("--variant", "baseline", "--variant", "aggressive", "--force");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("grid backtest: 2 runs (baseline, aggressive) over 6 files (SOLUSDT, TSTUSDT, 1m candles)", ", 2 at a time")
                .contains("baseline: started with exit.max_hold_minutes=30").containsPattern("aggressive: finished in \\d+\\.\\d s");
        JsonNode json = JSON.readTree(first.out());
        assertThat(json.get("runs").findValuesAsText("state")).containsExactly("finished", "finished");
        assertThat(json.get("by").asText()).isEqualTo("exit.hard_stop_multiplier");
        assertThat(json.get("arms").findValuesAsText("value")).containsExactly("1.5", "2.5");
        JsonNode pair = json.get("comparisons").get(0);
        assertThat(pair.get("first").asText()).isEqualTo("1.5");
        // the comparison reads each run's own database: its position counts are those databases'
        assertThat(json.get("arms").get(0).get("positions").asLong()).isEqualTo(closedTrades("sigil_grid_baseline")).isPositive();
        assertThat(json.get("arms").get(1).get("positions").asLong()).isEqualTo(closedTrades("sigil_grid_aggressive")).isPositive();
        // each run shadowed the grid's other stop (research.shadow_exits: [grid]): its entries are paired within it
        assertThat(pair.get("verdict_design").asText()).isEqualTo("shadow pairs");
        assertThat(pair.get("shadow_pairs").get("pairs").asLong()).isPositive();

        // the same runner as 'fleet backtest': the grid's baseline run equals a backtest of baseline on the same data
        TestDatabase alone = TestPostgres.freshDatabase(GridBacktestCommandTest.class);
        CliRun backtest = CliRun.of("backtest", "--variant", "baseline", "--data", data.toString(), "--db", alone.jdbcUrl() + "?user=" + alone.user(),
                "--overlays", RepoFiles.gridOverlays().toString(), "--set", "exit.max_hold_minutes=30", "--json");
        assertThat(backtest.exitCode()).as(backtest.toString()).isZero();
        JsonNode single = JSON.readTree(backtest.out());
        JsonNode gridBaseline = json.get("variants").get(0).get("variant").asText().equals("baseline") ? json.get("variants").get(0) : json.get("variants").get(1);
        assertThat(gridBaseline.get("trades").asLong()).isEqualTo(single.get("trades").asLong());
        assertThat(gridBaseline.get("realized_pnl_usd").asDouble()).isEqualTo(single.get("realized_pnl_usd").asDouble());

        CliRun again = grid("--variant", "baseline", "--variant", "aggressive");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("baseline: unchanged since its last run").contains("aggressive: unchanged since its last run")
                .doesNotContain("started");
        JsonNode kept = JSON.readTree(again.out());
        assertThat(kept.get("runs").findValuesAsText("state")).containsExactly("skipped", "skipped");
        assertThat(kept.get("comparisons")).isEqualTo(json.get("comparisons"));

        CliRun changed = grid("--variant", "baseline", "--set", "exit.max_hold_minutes=45");
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.err()).contains("baseline: started with exit.max_hold_minutes=30 exit.max_hold_minutes=45");
    }

    @Test
    void aSweepOfAnExitKeyIsOneReplayWhoseShadowsFollowEveryEntryUnderTheOtherValues(@TempDir Path reports) throws Exception {
        Path report = reports.resolve("sweep.html");
        CliRun sweep = grid("--variant", "baseline", "--sweep", "exit.hard_stop_multiplier=1.5,2.0,2.5", "--force", "--report", report.toString());

        assertThat(sweep.exitCode()).as(sweep.toString()).isZero();
        JsonNode json = JSON.readTree(sweep.out());
        assertThat(json.get("runs").findValuesAsText("name")).containsExactly("baseline-sweep");
        assertThat(json.get("arms").findValuesAsText("value")).containsExactly("1.5", "2.0", "2.5");
        assertThat(json.get("comparisons")).hasSize(3);
        long closed = closedTrades("sigil_grid_baseline_sweep");
        for (JsonNode pair : json.get("comparisons")) {
            assertThat(pair.get("verdict_design").asText()).isEqualTo("shadow pairs");
            assertThat(pair.get("shadow_pairs").get("pairs").asLong()).as(pair.get("first") + " vs " + pair.get("second")).isPositive()
                    .isLessThanOrEqualTo(closed);
        }
        assertThat(Files.readString(report)).contains("baseline-sweep", "shadow pairs");
        assertThat(sessionsRanWith("sigil_grid_baseline_sweep", "config_json->'research'->>'shadow_exits'"))
                .containsExactly("[\"hard_stop_multiplier=2.0\", \"hard_stop_multiplier=2.5\"]");
    }

    @Test
    void aSweepWithAReplayPerValueRunsOneVariantPerValueAndMakesTheArmsOfTheSweptKey(@TempDir Path reports) throws Exception {
        Path report = reports.resolve("sweep.html");
        CliRun sweep = grid("--variant", "baseline", "--sweep", "exit.hard_stop_multiplier=1.5,2.5", "--replay-per-value", "--force",
                "--report", report.toString());

        assertThat(sweep.exitCode()).as(sweep.toString()).isZero();
        JsonNode json = JSON.readTree(sweep.out());
        assertThat(json.get("runs").findValuesAsText("name")).containsExactly("baseline-1_5", "baseline-2_5");
        assertThat(json.get("arms").findValuesAsText("value")).containsExactly("1.5", "2.5");
        assertThat(sweep.err()).containsPattern("report: " + java.util.regex.Pattern.quote(report.toString()) + " \\(\\d+ KB\\)");
        assertThat(Files.readString(report)).contains("baseline-1_5", "baseline-2_5");
        assertThat(sessionsRanWith("sigil_grid_baseline_2_5", "variant_id || ' ' || (config_json->'exit'->>'hard_stop_multiplier')"))
                .containsExactly("baseline-2_5 2.5");
    }

    /** The distinct values of {@code expression} over a run database's sessions. */
    private static List<String> sessionsRanWith(String database, String expression) throws Exception {
        PostgresServer server = TestPostgres.server();
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database) + "?user=" + server.user());
             ResultSet rows = connection.createStatement().executeQuery("SELECT DISTINCT " + expression + " FROM sessions")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void aBadSweepValueIsRefusedBeforeAnyRunStartsNamingTheKeyAndItsRange() {
        CliRun bad = grid("--variant", "baseline", "--sweep", "exit.hard_stop_multiplier=1.5,99");

        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIG);
        assertThat(bad.err()).contains("exit.hard_stop_multiplier").contains("99").doesNotContain("started");

        CliRun noVariant = grid("--sweep", "exit.hard_stop_multiplier=1.5,2.5");
        assertThat(noVariant.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noVariant.err()).contains("give exactly one --variant NAME");

        CliRun nowhere = grid("--variant", "baseline", "--report", "/no/such/directory/report.html");
        assertThat(nowhere.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nowhere.err()).contains("--report /no/such/directory/report.html: the directory /no/such/directory does not exist").doesNotContain("started");
    }

    @Test
    void aRunThatFailsIsNamedWithItsLogAndTheOthersAreStillCompared(@TempDir Path broken) throws Exception {
        for (Path file : Files.list(data).toList()) {
            Files.copy(file, broken.resolve(file.getFileName()));
        }
        Path truncated = broken.resolve("TSTUSDT-1m-2024-01-03.zip");
        KlineDumps.truncate(truncated, Files.size(truncated) / 2);

        CliRun run = CliRun.of("grid", "backtest", "--data", broken.toString(), "--db-server", server(), "--overlays", RepoFiles.gridOverlays().toString(),
                "--variant", "moderate", "--force", "--logs", logs.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("moderate: FAILED with exit 65 after").contains("log " + logs.resolve("moderate.log") + ", its last lines:")
                .contains("TSTUSDT-1m-2024-01-03.zip");
    }
}
