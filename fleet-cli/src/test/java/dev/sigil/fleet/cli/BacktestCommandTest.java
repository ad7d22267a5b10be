package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.marketdata.SyntheticMarket;
import dev.sigil.fleet.testkit.KlineDumps;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresFixture.class)
class BacktestCommandTest {

    /** Three daily dump files of one-minute candles for two symbols, as data.binance.vision names them. */
    private static void dumps(Path dir) throws Exception {
        for (String symbol : List.of("SOLUSDT", "TSTUSDT")) {
            SyntheticMarket market = new SyntheticMarket(11, symbol, Duration.ofMinutes(1), Instant.parse("2024-01-01T00:00:00Z"));
            for (String day : List.of("2024-01-01", "2024-01-02", "2024-01-03")) {
                List<Candle> candles = new ArrayList<>();
                while (market.nextOpenTime().toString().startsWith(day)) {
                    candles.add(market.next());
                }
                KlineDumps.zip(dir.resolve(symbol + "-1m-" + day + ".zip"), candles, false, false);
            }
        }
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
        assertThat(run.out()).containsPattern("session \\d+ ended replay_exhausted").contains("8,640 candles").contains("sessions ended: ")
                .containsPattern("trades \\d+ · win rate").contains("exit reasons: ").contains("time_exit");

        CliRun again = CliRun.of("backtest", "--variant", "aggressive", "--data", data.toString(), "--db", url, "--overlays", overlays);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already holds sessions of variant aggressive (the last ended replay_exhausted)");
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
