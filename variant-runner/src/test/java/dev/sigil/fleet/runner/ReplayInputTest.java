package dev.sigil.fleet.runner;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.session.RunnerHarness;
import dev.sigil.fleet.session.SessionSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.market.FileDefect;
import dev.sigil.fleet.session.MarketDataFactory;
import dev.sigil.fleet.market.ReplayInputReport;
import dev.sigil.fleet.market.RowDefect;
import dev.sigil.fleet.market.UnusableKlineFileException;
import dev.sigil.fleet.testkit.KlineDumps;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Damaged kline files through the whole runner: refused before the first session, or skipped, counted and reported. */
@ExtendWith(PostgresFixture.class)
class ReplayInputTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    /** Hourly candles: a tick is an hour, so the session must be longer than the guards' cool-down of 8 ticks. */
    private static final List<String> SETS = List.of("market.symbols=[ZIGUSDT, ZAGUSDT]", "market.interval=1h", "scanner.session_duration_seconds=604800",
            "scanner.warmup_candles=30");

    private static List<Candle> quiet(String symbol, int from, int count) {
        List<Candle> candles = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant open = T0.plusSeconds(3600L * i);
            candles.add(new Candle(symbol, open, open.plusSeconds(3600), 100, 100.1, 99.9, 100, 10, 1000));
        }
        return candles;
    }

    /**
     * ZIGUSDT: January (744 hours) as a zip cut in half, then February; ZAGUSDT: January as CSV with one non-ASCII
     * byte on line 100. Returns the truncated file.
     */
    private static Path damagedDumps(Path data) throws Exception {
        Path broken = KlineDumps.zip(data.resolve("ZIGUSDT-1h-2024-01.zip"), quiet("ZIGUSDT", 0, 744), false, false);
        KlineDumps.truncate(broken, Files.size(broken) / 2);
        KlineDumps.zip(data.resolve("ZIGUSDT-1h-2024-02.zip"), quiet("ZIGUSDT", 744, 696), false, false);
        byte[] csv = KlineDumps.text(quiet("ZAGUSDT", 0, 744), false, false).getBytes(StandardCharsets.US_ASCII);
        csv[KlineDumps.text(quiet("ZAGUSDT", 0, 99), false, false).length() + 5] = (byte) 0xC3;
        Files.write(data.resolve("ZAGUSDT-1h-2024-01.csv"), csv);
        return broken;
    }

    @Test
    void unusableFileRefusesTheReplayBeforeItsFirstSessionNamingTheFile(TestDatabase database, @TempDir Path data) throws Exception {
        Path broken = damagedDumps(data);
        RunnerHarness.migrate(database);

        try (RunnerHarness harness = RunnerHarness.start(database, "variant", "baseline", "market", "replay", "duration-seconds", 31_536_000, "data", data.toString(), "sets", SETS)) {
            assertThatThrownBy(harness::runToEnd).isInstanceOf(UnusableKlineFileException.class)
                    .hasMessageStartingWith("unusable kline file " + broken + ": truncated_archive at line ")
                    .hasMessageContaining("--skip-bad-files");
            assertThat(harness.count("SELECT count(*) FROM sessions")).as("nothing replayed, nothing written").isZero();
            assertThat(harness.context.getBean(MarketDataFactory.class).replayInput()).isEmpty();
        }
    }

    @Test
    void withSkipBadFilesTheRunnerReplaysWhatCanBeReadAndCountsTheSkippedRows(TestDatabase database, @TempDir Path data) throws Exception {
        Path broken = damagedDumps(data);
        RunnerHarness.migrate(database);

        try (RunnerHarness harness = RunnerHarness.start(database, "variant", "baseline", "market", "replay", "duration-seconds", 31_536_000, "data", data.toString(), "sets", SETS,
                "skip-bad-files", true)) {
            List<SessionSummary> sessions = harness.runToEnd();
            ReplayInputReport input = harness.context.getBean(MarketDataFactory.class).replayInput().orElseThrow();
            MeterRegistry registry = harness.context.getBean(MeterRegistry.class);

            assertThat(sessions).singleElement().satisfies(session -> assertThat(session.endReason()).isEqualTo(EndReason.REPLAY_EXHAUSTED));
            ReplayInputReport.UnusableFile unusable = input.unusableFiles().getFirst();
            assertThat(unusable.file()).isEqualTo(broken);
            assertThat(unusable.defect()).isEqualTo(FileDefect.TRUNCATED_ARCHIVE);
            long zigRows = unusable.line() - 1 + 696;
            assertThat(input.rows()).isEqualTo(zigRows + 744);
            assertThat(input.skippedRows()).isEqualTo(Map.of(RowDefect.NON_ASCII, 1L));
            assertThat(input.badFiles()).extracting(bad -> bad.file().getFileName().toString())
                    .containsExactlyInAnyOrder("ZIGUSDT-1h-2024-01.zip", "ZAGUSDT-1h-2024-01.csv");
            assertThat(registry.get("sigil.bad.candles").tag("reason", "malformed").counter().count())
                    .as("rows skipped at parsing, apart from the candle gate's reasons").isEqualTo(1);
            assertThat(registry.get("sigil.bad.candles").tag("reason", "gap").counter().count())
                    .as("the hours lost to the truncated file and to the skipped row are gaps to the engine").isEqualTo(2);
            assertThat(registry.get("sigil.candles.processed").counter().count())
                    .as("all but the first 30 hours of both symbols: the replay's warm-up (scanner.warmup_candles)").isEqualTo(zigRows + 743 - 2 * 30);
        }
    }

    @Test
    void runnerProcessNamesTheUnusableFileAndWithSkipBadFilesReplaysTheRest(@TempDir Path data) throws Exception {
        Path broken = damagedDumps(data);
        String[] replay = {"--variant", "baseline", "--market", "replay", "--data", data.toString(),
                "--set", "market.symbols=[ZIGUSDT, ZAGUSDT]", "--set", "market.interval=1h", "--set", "scanner.session_duration_seconds=604800"};

        TestDatabase refused = TestPostgres.freshDatabase(ReplayInputTest.class);
        RunnerHarness.migrate(refused);
        try (RunnerProcess runner = RunnerProcess.start(refused, replay)) {
            assertThat(runner.process.waitFor(60, TimeUnit.SECONDS)).as(runner.output()).isTrue();
            assertThat(runner.process.exitValue()).as(runner.output()).isEqualTo(RunnerExit.UNUSABLE_DATA);
            assertThat(runner.output()).contains("unusable kline file " + broken + ": truncated_archive at line ");
        }

        TestDatabase skipped = TestPostgres.freshDatabase(ReplayInputTest.class);
        RunnerHarness.migrate(skipped);
        String[] skipping = java.util.stream.Stream.concat(java.util.Arrays.stream(replay), java.util.stream.Stream.of("--skip-bad-files"))
                .toArray(String[]::new);
        try (RunnerProcess runner = RunnerProcess.start(skipped, skipping)) {
            assertThat(runner.process.waitFor(60, TimeUnit.SECONDS)).as(runner.output()).isTrue();
            assertThat(runner.process.exitValue()).as(runner.output()).isZero();
            assertThat(runner.output()).contains(broken + ": truncated_archive at line ").contains("(skip bad files is on)")
                    .contains("ZAGUSDT-1h-2024-01.csv:100 (non_ascii")
                    .contains("replay input: 3 files, ").contains("1 skipped (non_ascii 1), 1 unusable file (truncated_archive 1)")
                    .contains("ended (replay_exhausted)");
        }
    }
}
