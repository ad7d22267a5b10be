package dev.sigil.fleet.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.testkit.KlineDumps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ReplayMarketDataTest {

    private static final Instant T0 = Instant.parse("2024-12-31T22:00:00Z");

    private static List<Candle> candles(String symbol, int from, int count) {
        List<Candle> candles = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant open = T0.plusSeconds(60L * i);
            candles.add(new Candle(symbol, open, open.plusSeconds(60), 10 + i, 11 + i, 9 + i, 10.5 + i, 3, 31.5 + 3 * i));
        }
        return candles;
    }

    /** The CSV bytes of {@code count} candles with one byte of line {@code line} (1-based) replaced by {@code value}. */
    private static byte[] withByteOnLine(List<Candle> candles, int line, int value) {
        byte[] bytes = KlineDumps.text(candles, false, false).getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        for (int i = 1; i < line; i++) {
            while (bytes[at] != '\n') {
                at++;
            }
            at++;
        }
        bytes[at + 3] = (byte) value;
        return bytes;
    }

    /** Every candle the replay hands out, and the malformed rows its batches counted. */
    private record Replayed(List<Candle> candles, int malformed) {
    }

    private static Replayed replayAll(ReplayMarketData replay) {
        List<Candle> candles = new ArrayList<>();
        int malformed = 0;
        MarketDataSource.Batch batch;
        while (!(batch = replay.next(Instant.now())).exhausted()) {
            candles.addAll(batch.candles());
            malformed += batch.malformed();
        }
        return new Replayed(candles, malformed + batch.malformed());
    }

    @Test
    void filesOfEveryShapeAreReplayedAsOneTimeStepPerCall(@TempDir Path dir) throws Exception {
        KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-12.zip"), candles("AAAUSDT", 0, 2), true, false);
        KlineDumps.csv(dir.resolve("AAAUSDT-1m-2025-01.csv"), candles("AAAUSDT", 2, 2), true, true);
        KlineDumps.csv(dir.resolve("BBBUSDT-1m-2025-01.csv"), candles("BBBUSDT", 1, 3), false, true, "", "1735689600000000,x,1,1,1,1,1,1");
        Files.writeString(dir.resolve("README.txt"), "not a kline file");

        try (ReplayMarketData replay = ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT", "BBBUSDT", "CCCUSDT"), false)) {
            List<List<String>> steps = new ArrayList<>();
            int malformed = 0;
            MarketDataSource.Batch batch;
            while (!(batch = replay.next(Instant.now())).exhausted()) {
                steps.add(batch.candles().stream().map(c -> c.symbol() + "@" + c.openTime()).toList());
                malformed += batch.malformed();
                assertThat(batch.marketTime()).isEqualTo(batch.candles().getFirst().closeTime());
            }
            malformed += batch.malformed();

            assertThat(steps).containsExactly(
                    List.of("AAAUSDT@2024-12-31T22:00:00Z"),
                    List.of("AAAUSDT@2024-12-31T22:01:00Z", "BBBUSDT@2024-12-31T22:01:00Z"),
                    List.of("AAAUSDT@2024-12-31T22:02:00Z", "BBBUSDT@2024-12-31T22:02:00Z"),
                    List.of("AAAUSDT@2024-12-31T22:03:00Z", "BBBUSDT@2024-12-31T22:03:00Z"));
            assertThat(malformed).isEqualTo(1);
            ReplayInputReport report = replay.inputReport().orElseThrow();
            assertThat(report.summary()).isEqualTo("3 files, 8 rows, 1 skipped (not_a_number 1)");
            assertThat(report.badFiles()).singleElement().satisfies(bad -> {
                assertThat(bad.file().getFileName()).hasToString("BBBUSDT-1m-2025-01.csv");
                assertThat(bad.firstSkippedLine()).as("after three rows and a blank line").isEqualTo(5);
                assertThat(bad.unusable()).isNull();
            });
        }
    }

    @Test
    void oneNonAsciiByteMidFileLosesOnlyItsOwnLine(@TempDir Path dir) throws Exception {
        List<Candle> written = candles("AAAUSDT", 0, 2000);
        Files.write(dir.resolve("AAAUSDT-1m-2024-12.csv"), withByteOnLine(written, 500, 0xE9));
        List<Candle> zipped = candles("BBBUSDT", 0, 2000);
        KlineDumps.zip(dir.resolve("BBBUSDT-1m-2024-12.zip"), "BBBUSDT-1m-2024-12.csv", withByteOnLine(zipped, 1500, 0x80));

        try (ReplayMarketData replay = ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT", "BBBUSDT"), false)) {
            Replayed replayed = replayAll(replay);

            List<Candle> expected = new ArrayList<>(written);
            expected.remove(499);
            assertThat(replayed.candles().stream().filter(c -> c.symbol().equals("AAAUSDT")).toList()).as("1999 of 2000").isEqualTo(expected);
            assertThat(replayed.candles().stream().filter(c -> c.symbol().equals("BBBUSDT")).count()).isEqualTo(1999);
            assertThat(replayed.malformed()).isEqualTo(2);
            ReplayInputReport report = replay.inputReport().orElseThrow();
            assertThat(report.rows()).isEqualTo(4000);
            assertThat(report.skippedRows()).isEqualTo(Map.of(RowDefect.NON_ASCII, 2L));
            assertThat(report.badFiles()).extracting(ReplayInputReport.BadFile::firstSkippedLine).containsExactly(500L, 1500L);
            assertThat(report.unusableFiles()).isEmpty();
        }
    }

    @Test
    void rowsOfTheWrongShapeAreSkippedCountedByReasonAndLoggedWithoutFlooding(@TempDir Path dir) throws Exception {
        List<Candle> good = candles("AAAUSDT", 0, 4);
        String text = "\u00EF\u00BB\u00BF" + KlineDumps.HEADER + "\r\n"
                + KlineDumps.line(good.get(0), false) + "\r\n"
                + "1735682400000,10,11\r\n"                                        // too few fields
                + KlineDumps.line(good.get(1), false) + "\r\n"
                + "1735682520000,ten,11,9,10.5,3,1735682579999,31.5\r\n"          // a price that is no number
                + ",,,,,,,\r\n"                                                     // empty fields
                + "   \r\n"                                                         // blank: not a row
                + "9".repeat(100_000) + "\r\n"                                      // far too long a line
                + "<html><body>503 Service Unavailable</body></html>\r\n"
                + KlineDumps.line(good.get(2), false) + "\r\n"
                + "1735682640000;10;11;9;10.5;3;1735682699999;31.5\r\n"            // another separator
                + KlineDumps.line(good.get(3), false);                              // no newline at the end
        Files.write(dir.resolve("AAAUSDT-1m-2024-12.csv"), text.getBytes(StandardCharsets.ISO_8859_1));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ReplayMarketData.class);
        log.start();
        logger.addAppender(log);
        try (ReplayMarketData replay = ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT"), false)) {
            Replayed replayed = replayAll(replay);

            assertThat(replayed.candles()).isEqualTo(good);
            assertThat(replayed.malformed()).isEqualTo(6);
            assertThat(replay.inputReport().orElseThrow().skippedRows()).containsExactly(Map.entry(RowDefect.WRONG_SHAPE, 4L), Map.entry(RowDefect.NOT_A_NUMBER, 2L));
            assertThat(replay.inputReport().orElseThrow().badFiles().getFirst().describe())
                    .isEqualTo("AAAUSDT-1m-2024-12.csv: 6 rows skipped (wrong_shape 4, not_a_number 2) from line 3");
        } finally {
            logger.detachAppender(log);
        }
        List<String> warnings = log.list.stream().filter(event -> event.getLevel().toString().equals("WARN")).map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(0)).contains("AAAUSDT-1m-2024-12.csv:3 (wrong_shape: 3 fields, at least 7 needed): 1735682400000,10,11");
        assertThat(warnings.get(1)).contains("AAAUSDT-1m-2024-12.csv:5 (not_a_number");
        assertThat(warnings.get(2)).contains("AAAUSDT-1m-2024-12.csv:6 (not_a_number");
        assertThat(warnings.get(3)).contains("AAAUSDT-1m-2024-12.csv: 6 rows skipped in all (wrong_shape 4, not_a_number 2)");
        assertThat(warnings.get(4)).startsWith("replay input: 1 file, 10 rows, 6 skipped");
    }

    @Test
    void truncatedZipRefusesTheReplayBeforeItStartsNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path broken = KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-11.zip"), candles("AAAUSDT", 0, 2000), false, false);
        KlineDumps.truncate(broken, Files.size(broken) / 2);
        KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-12.zip"), candles("AAAUSDT", 2000, 100), false, false);

        UnusableKlineFileException error = catchThrowableOfType(UnusableKlineFileException.class,
                () -> ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT"), false));

        assertThat(error.files()).singleElement().satisfies(file -> {
            assertThat(file.file()).isEqualTo(broken);
            assertThat(file.defect()).isEqualTo(FileDefect.TRUNCATED_ARCHIVE);
            assertThat(file.line()).isBetween(2L, 2000L);
        });
        assertThat(error.getMessage()).doesNotContain("\n").startsWith("unusable kline file " + broken + ": truncated_archive at line ")
                .contains("Unexpected end of ZLIB input stream").endsWith("or pass --skip-bad-files to replay what can be read and go on with the next file");
    }

    @Test
    void truncatedZipWithBadFilesSkippedReplaysItUpToTheBreakAndGoesOnWithTheNextFile(@TempDir Path dir) throws Exception {
        List<Candle> first = candles("AAAUSDT", 0, 2000);
        Path broken = KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-11.zip"), first, false, false);
        KlineDumps.truncate(broken, Files.size(broken) / 2);
        List<Candle> second = candles("AAAUSDT", 2000, 100);
        KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-12.zip"), second, false, false);

        try (ReplayMarketData replay = ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT"), true)) {
            Replayed replayed = replayAll(replay);

            ReplayInputReport.UnusableFile unusable = replay.inputReport().orElseThrow().unusableFiles().getFirst();
            int readable = (int) unusable.line() - 1;
            List<Candle> expected = new ArrayList<>(first.subList(0, readable));
            expected.addAll(second);
            assertThat(readable).as("every complete line before the break").isGreaterThan(500);
            assertThat(replayed.candles()).isEqualTo(expected);
            assertThat(replay.inputReport().orElseThrow().summary()).isEqualTo(String.format(java.util.Locale.ROOT,
                    "2 files, %,d rows, 0 skipped, 1 unusable file (truncated_archive 1)", readable + 100));
            assertThat(replay.inputReport().orElseThrow().badFiles()).singleElement().satisfies(bad -> assertThat(bad.describe()).isEqualTo(
                    "AAAUSDT-1m-2024-11.zip: unusable: truncated_archive at line " + unusable.line()
                            + " (Unexpected end of ZLIB input stream), the rest of the file skipped"));
        }
    }

    @Test
    void emptyFilesAndZipsWithoutCsvAreUnusableAndRefusedTogether(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("AAAUSDT-1m-2024-09.csv"), new byte[0]);
        Files.writeString(dir.resolve("AAAUSDT-1m-2024-10.csv"), KlineDumps.HEADER + "\n\n");
        KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-11.zip"), "README.txt", "no klines here".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("AAAUSDT-1m-2024-12.zip"), "<Error><Code>NoSuchKey</Code></Error>");
        KlineDumps.zip(dir.resolve("AAAUSDT-1m-2025-01.zip"), candles("AAAUSDT", 0, 10), true, false);

        UnusableKlineFileException error = catchThrowableOfType(UnusableKlineFileException.class,
                () -> ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT"), false));
        assertThat(error.files()).extracting(ReplayInputReport.UnusableFile::defect).containsExactly(
                FileDefect.EMPTY_FILE, FileDefect.EMPTY_FILE, FileDefect.NO_CSV_IN_ARCHIVE, FileDefect.NO_CSV_IN_ARCHIVE);
        assertThat(error.getMessage()).doesNotContain("\n").contains("AAAUSDT-1m-2024-09.csv: empty_file (zero bytes) and 3 more ("
                + "AAAUSDT-1m-2024-10.csv empty_file, AAAUSDT-1m-2024-11.zip no_csv_in_archive, AAAUSDT-1m-2024-12.zip no_csv_in_archive)");

        try (ReplayMarketData replay = ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT"), true)) {
            assertThat(replayAll(replay).candles()).isEqualTo(candles("AAAUSDT", 0, 10));
            assertThat(replay.inputReport().orElseThrow().unusableFilesByReason()).containsExactly(
                    Map.entry(FileDefect.EMPTY_FILE, 2L), Map.entry(FileDefect.NO_CSV_IN_ARCHIVE, 2L));
            assertThat(replay.inputReport().orElseThrow().unusableFiles()).extracting(ReplayInputReport.UnusableFile::problem).containsExactly(
                    "empty_file (zero bytes)", "empty_file (no kline rows in 2 lines)", "no_csv_in_archive (no .csv entry found)",
                    "no_csv_in_archive (no .csv entry found)");
        }
    }

    @Test
    void damagedCompressedDataIsACorruptArchive(@TempDir Path dir) throws Exception {
        Path damaged = KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-12.zip"), candles("AAAUSDT", 0, 2000), false, false);
        byte[] bytes = Files.readAllBytes(damaged);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            bytes[i] ^= (byte) 0x5A;
        }
        Files.write(damaged, bytes);

        assertThatThrownBy(() -> ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT"), false))
                .isInstanceOfSatisfying(UnusableKlineFileException.class,
                        error -> assertThat(error.files().getFirst().defect()).isEqualTo(FileDefect.CORRUPT_ARCHIVE))
                .hasMessageContaining(damaged + ": corrupt_archive at line ");
    }

    @Test
    void fileThatBreaksAfterTheCheckEndsTheReplayWhereItBreaks(@TempDir Path dir) throws Exception {
        KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-12.zip"), candles("AAAUSDT", 0, 3000), false, false);
        Path broken = KlineDumps.zip(dir.resolve("BBBUSDT-1m-2024-12.zip"), candles("BBBUSDT", 0, 2000), false, false);
        KlineDumps.truncate(broken, Files.size(broken) / 2);

        try (ReplayMarketData replay = new ReplayMarketData(KlineFiles.scan(dir), List.of("AAAUSDT", "BBBUSDT"), false)) {
            int failures = 0;
            int batches = 0;
            while (true) {
                try {
                    if (replay.next(Instant.now()).exhausted()) {
                        break;
                    }
                    batches++;
                } catch (UnusableKlineFileException e) {
                    failures++;
                    assertThat(e.getMessage()).contains(broken.toString());
                }
            }
            assertThat(failures).as("thrown once, then the replay is over").isEqualTo(1);
            assertThat(replay.next(Instant.now()).exhausted()).isTrue();
            ReplayInputReport.UnusableFile unusable = replay.inputReport().orElseThrow().unusableFiles().getFirst();
            assertThat(unusable.file()).isEqualTo(broken);
            assertThat(batches).as("the steps before the one that met the break; none of AAAUSDT's later candles").isEqualTo(unusable.line() - 2);
        }
    }

    @Test
    void microsecondAndMillisecondRowsGiveTheSameCandle(@TempDir Path dir) throws Exception {
        Candle candle = candles("AAAUSDT", 5, 1).getFirst();
        assertThat(KlineCsv.parse("AAAUSDT", KlineDumps.line(candle, true))).isEqualTo(KlineCsv.parse("AAAUSDT", KlineDumps.line(candle, false)));
        assertThat(KlineCsv.parse("AAAUSDT", KlineDumps.line(candle, true)).closeTime()).isEqualTo(candle.closeTime());

        KlineDumps.csv(dir.resolve("AAAUSDT-1m-2024-12.csv"), candles("AAAUSDT", 0, 30), true, true);
        KlineDumps.zip(dir.resolve("BBBUSDT-1m-2024-12.zip"), candles("BBBUSDT", 0, 30), false, false);
        try (ReplayMarketData replay = ReplayMarketData.open(KlineFiles.scan(dir), List.of("AAAUSDT", "BBBUSDT"), false)) {
            List<Candle> replayed = replayAll(replay).candles();
            assertThat(replayed.stream().filter(c -> c.symbol().equals("AAAUSDT")).toList()).isEqualTo(candles("AAAUSDT", 0, 30));
            assertThat(replayed.stream().filter(c -> c.symbol().equals("BBBUSDT")).toList()).isEqualTo(candles("BBBUSDT", 0, 30));
        }
    }

    @Test
    void directoryWithoutKlineFilesOrWithMixedIntervalsIsExplained(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> KlineFiles.scan(dir)).hasMessageContaining("no kline files").hasMessageContaining("BTCUSDT-1m-2024-01.zip");
        KlineDumps.csv(dir.resolve("AAAUSDT-1m-2025-01.csv"), candles("AAAUSDT", 0, 1), false, false);
        KlineDumps.csv(dir.resolve("AAAUSDT-5m-2025-01.csv"), candles("AAAUSDT", 0, 1), false, false);
        assertThatThrownBy(() -> KlineFiles.scan(dir)).hasMessageContaining("several intervals");
    }
}
