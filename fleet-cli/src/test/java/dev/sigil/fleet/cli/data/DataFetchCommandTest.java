package dev.sigil.fleet.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.cli.CliRun;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.marketdata.SyntheticMarket;
import dev.sigil.fleet.testkit.KlineDumps;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet data fetch} and {@code fleet data ls} against a local server with data.binance.vision's layout: a good
 * monthly file, one whose checksum does not match, a month published only as daily files, a month not published at all.
 */
@ExtendWith(PostgresFixture.class)
class DataFetchCommandTest {

    private static final String MONTHLY = "data/spot/monthly/klines/BTCUSDT/1m/";
    private static final String DAILY = "data/spot/daily/klines/BTCUSDT/1m/";

    @AfterEach
    void realClock() {
        DataFetchCommand.clock = Clock.systemUTC();
    }

    /** A dump of {@code minutes} synthetic minute candles from {@code start}, without the ones in {@code skipped}. */
    private static Path dump(Path file, Instant start, int minutes, List<Integer> skipped) throws Exception {
        SyntheticMarket market = new SyntheticMarket(3, "BTCUSDT", Duration.ofMinutes(1), start);
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            Candle candle = market.next();
            if (!skipped.contains(i)) {
                candles.add(candle);
            }
        }
        Files.createDirectories(file.getParent());
        return KlineDumps.zip(file, candles, false, false);
    }

    private static void checksum(Path file, String sha256) throws Exception {
        Files.writeString(file.resolveSibling(file.getFileName() + ".CHECKSUM"), sha256 + "  " + file.getFileName() + "\n");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path site(Path root) throws Exception {
        Path january = dump(root.resolve(MONTHLY + "BTCUSDT-1m-2024-01.zip"), Instant.parse("2024-01-01T00:00:00Z"), 2880, List.of(700, 701, 702));
        checksum(january, sha256(january));
        Path february = dump(root.resolve(MONTHLY + "BTCUSDT-1m-2024-02.zip"), Instant.parse("2024-02-01T00:00:00Z"), 1440, List.of());
        checksum(february, "0".repeat(64));
        for (int day = 1; day <= 3; day++) {
            Path daily = dump(root.resolve(DAILY + "BTCUSDT-1m-2024-03-0" + day + ".zip"), Instant.parse("2024-03-0" + day + "T00:00:00Z"), 1440, List.of());
            checksum(daily, sha256(daily));
        }
        return root;
    }

    @Test
    void verifiedFilesAreKeptAMismatchIsNamedAndNeverKeptAndARerunSkipsWhatIsVerified(@TempDir Path root, @TempDir Path dir) throws Exception {
        DataFetchCommand.clock = Clock.fixed(Instant.parse("2024-05-10T12:00:00Z"), ZoneOffset.UTC);
        try (FakeBinanceVision vision = new FakeBinanceVision(site(root))) {
            vision.busy("/" + MONTHLY + "BTCUSDT-1m-2024-01.zip.CHECKSUM", 1);

            CliRun first = CliRun.of("data", "fetch", "btcusdt", "--from", "2024-01", "--to", "2024-04", "--dir", dir.toString(),
                    "--source", vision.uri().toString());

            assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
            assertThat(first.out()).containsPattern("BTCUSDT-1m-2024-01.zip: 0\\.\\d MB, SHA-256 verified \\(1/4\\)")
                    .contains("BTCUSDT-1m-2024-02.zip: CORRUPT — SHA-256 ")
                    .contains("but BTCUSDT-1m-2024-02.zip.CHECKSUM says 0000000000000000000000000000000000000000000000000000000000000000: not kept")
                    .containsPattern("BTCUSDT-1m-2024-03-01.zip: 0\\.\\d MB, SHA-256 verified \\(3/4\\)")
                    .contains("BTCUSDT-1m-2024-03: not published monthly yet; 3 daily files, 28 day(s) not published (04, 05,")
                    .contains("BTCUSDT-1m-2024-04: not published, neither monthly nor daily (4/4)")
                    .contains("fetched 4 file(s)").contains("NOT KEPT (checksum mismatch or failure): BTCUSDT-1m-2024-02.zip");
            assertThat(vision.requests()).as("the busy answer was retried").containsSequence(
                    "/" + MONTHLY + "BTCUSDT-1m-2024-01.zip.CHECKSUM", "/" + MONTHLY + "BTCUSDT-1m-2024-01.zip.CHECKSUM");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(file -> file.getFileName().toString()).sorted()).containsExactly(
                        "BTCUSDT-1m-2024-01.zip", "BTCUSDT-1m-2024-01.zip.CHECKSUM",
                        "BTCUSDT-1m-2024-03-01.zip", "BTCUSDT-1m-2024-03-01.zip.CHECKSUM", "BTCUSDT-1m-2024-03-02.zip",
                        "BTCUSDT-1m-2024-03-02.zip.CHECKSUM", "BTCUSDT-1m-2024-03-03.zip", "BTCUSDT-1m-2024-03-03.zip.CHECKSUM");
            }
            assertThat(sha256(dir.resolve("BTCUSDT-1m-2024-01.zip"))).isEqualTo(sha256(root.resolve(MONTHLY + "BTCUSDT-1m-2024-01.zip")));

            vision.forget();
            CliRun again = CliRun.of("data", "fetch", "BTCUSDT", "--from", "2024-01", "--to", "2024-01", "--dir", dir.toString(),
                    "--source", vision.uri().toString());
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.out()).contains("BTCUSDT-1m-2024-01.zip: already here (0.").contains("verified earlier (1/1)");
            assertThat(vision.requests()).as("nothing downloaded again").isEmpty();
        }
    }

    @Test
    void lsShowsTheMonthsTheirCandlesAndTheGapsInsideThemAndABacktestReadsTheDirectoryAsItIs(@TempDir Path root, @TempDir Path dir)
            throws Exception {
        DataFetchCommand.clock = Clock.fixed(Instant.parse("2024-05-10T12:00:00Z"), ZoneOffset.UTC);
        try (FakeBinanceVision vision = new FakeBinanceVision(site(root))) {
            CliRun.of("data", "fetch", "BTCUSDT", "--from", "2024-01", "--to", "2024-03", "--dir", dir.toString(), "--source", vision.uri().toString());
        }

        CliRun ls = CliRun.of("data", "ls", "--dir", dir.toString());

        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        assertThat(ls.out()).contains("BTCUSDT 1m: 2024-01, 2024-03")
                .contains("  2024-01: 2,877 of 44,640 candles (monthly file); missing: 3 after 2024-01-01 11:39")
                .contains("  2024-03: 4,320 of 44,640 candles (3 daily files)");
        TestDatabase database = TestPostgres.freshDatabase(DataFetchCommandTest.class);
        CliRun backtest = CliRun.of("backtest", "--variant", "baseline", "--data", dir.toString(), "--overlays", RepoFiles.gridOverlays().toString(),
                "--db", database.jdbcUrl() + "?user=" + database.user());
        assertThat(backtest.exitCode()).as(backtest.toString()).isZero();
        assertThat(backtest.err()).contains("backtest baseline over 4 files (BTCUSDT, 1m candles)");
    }
}
