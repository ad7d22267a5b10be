package dev.sigil.fleet.market;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay made of its kline files: the rows it read, the rows it skipped (per reason) and the files that
 * were bad — with skipped rows, or unusable from some line on. A snapshot: the replay's later reading does not
 * change it.
 *
 * @param files the kline files of the replayed symbols
 * @param rows the data rows read so far (blank lines and headers are not rows), skipped ones included
 * @param skippedRows rows skipped per reason, in the order of {@link RowDefect}
 * @param badFiles every file with a skipped row or that could not be read to its end, in the order they were met
 */
public record ReplayInputReport(int files, long rows, Map<RowDefect, Long> skippedRows, List<BadFile> badFiles) {

    public ReplayInputReport {
        skippedRows = Collections.unmodifiableMap(skippedRows.isEmpty() ? new EnumMap<>(RowDefect.class) : new EnumMap<>(skippedRows));
        badFiles = List.copyOf(badFiles);
    }

    /**
     * One bad file.
     *
     * @param skippedRows its rows skipped per reason
     * @param firstSkippedLine the line of its first skipped row (0 if none)
     * @param unusable why it could not be read to its end, or null if it could
     */
    public record BadFile(Path file, Map<RowDefect, Long> skippedRows, long firstSkippedLine, UnusableFile unusable) {

        public BadFile {
            skippedRows = Collections.unmodifiableMap(skippedRows.isEmpty() ? new EnumMap<>(RowDefect.class) : new EnumMap<>(skippedRows));
        }

        public long skippedRowCount() {
            return skippedRows.values().stream().mapToLong(Long::longValue).sum();
        }

        /** {@code BTCUSDT-1m-2024-01.csv: 1 row skipped (non_ascii 1) from line 500; unusable: truncated_archive at line 20001 (...)} */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (skippedRowCount() > 0) {
                parts.add(rowCount(skippedRowCount()) + " skipped (" + ReplayInputReport.reasons(skippedRows) + ") from line " + firstSkippedLine);
            }
            if (unusable != null) {
                parts.add("unusable: " + unusable.problem() + (unusable.line() > 0 ? ", the rest of the file skipped" : ""));
            }
            return file.getFileName() + ": " + String.join("; ", parts);
        }
    }

    /**
     * A file that cannot be read to its end.
     *
     * @param line the line it broke at (0 when it is not about a line: no CSV inside, empty)
     * @param detail what the reader said, for people
     */
    public record UnusableFile(Path file, FileDefect defect, long line, String detail) {

        /** {@code truncated_archive at line 20001 (Unexpected end of ZLIB input stream)} */
        public String problem() {
            return defect.token() + (line > 0 ? " at line " + line : "") + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        }
    }

    /** Nothing read yet. */
    public static ReplayInputReport empty(int files) {
        return new ReplayInputReport(files, 0, Map.of(), List.of());
    }

    public long skippedRowCount() {
        return skippedRows.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<UnusableFile> unusableFiles() {
        return badFiles.stream().map(BadFile::unusable).filter(unusable -> unusable != null).toList();
    }

    /** Unusable files per reason, in the order of {@link FileDefect}. */
    public Map<FileDefect, Long> unusableFilesByReason() {
        Map<FileDefect, Long> byReason = new EnumMap<>(FileDefect.class);
        unusableFiles().forEach(unusable -> byReason.merge(unusable.defect(), 1L, Long::sum));
        return Collections.unmodifiableMap(byReason);
    }

    /** Every row read was used and every file read to its end. */
    public boolean clean() {
        return badFiles.isEmpty();
    }

    /** {@code 3 files, 5,999 rows, 1 skipped (non_ascii 1), 1 unusable file (truncated_archive 1)} */
    public String summary() {
        String text = String.format(Locale.ROOT, "%d file%s, %,d row%s, %,d skipped", files, files == 1 ? "" : "s", rows, rows == 1 ? "" : "s",
                skippedRowCount()) + (skippedRows.isEmpty() ? "" : " (" + reasons(skippedRows) + ")");
        Map<FileDefect, Long> unusable = unusableFilesByReason();
        if (!unusable.isEmpty()) {
            long count = unusable.values().stream().mapToLong(Long::longValue).sum();
            List<String> reasons = new ArrayList<>();
            unusable.forEach((defect, n) -> reasons.add(defect.token() + " " + n));
            text += ", " + count + " unusable file" + (count == 1 ? "" : "s") + " (" + String.join(", ", reasons) + ")";
        }
        return text;
    }

    static String reasons(Map<RowDefect, Long> byReason) {
        List<String> reasons = new ArrayList<>();
        byReason.forEach((defect, count) -> reasons.add(defect.token() + " " + count));
        return String.join(", ", reasons);
    }

    private static String rowCount(long rows) {
        return String.format(Locale.ROOT, "%,d row%s", rows, rows == 1 ? "" : "s");
    }
}
