package dev.sigil.fleet.market;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a replay reads and skips, and logs it without flooding: the first {@value #LOGGED_ROWS_PER_FILE}
 * skipped rows of each file by file:line and reason, then one line with the file's total when it ends. Used by one
 * thread (the replay's); {@link #report} takes a snapshot.
 */
final class InputTally {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayMarketData.class);
    static final int LOGGED_ROWS_PER_FILE = 3;

    private final int files;
    private long rows;
    private final Map<RowDefect, Long> skipped = new EnumMap<>(RowDefect.class);
    private final Map<Path, BadFileTally> badFiles = new LinkedHashMap<>();

    private static final class BadFileTally {
        final Map<RowDefect, Long> skipped = new EnumMap<>(RowDefect.class);
        long firstSkippedLine;
        long skippedRows;
        ReplayInputReport.UnusableFile unusable;
    }

    InputTally(int files) {
        this.files = files;
    }

    void row() {
        rows++;
    }

    void skipped(Path file, long line, BadKlineRow bad, String row) {
        skipped.merge(bad.defect(), 1L, Long::sum);
        BadFileTally tally = badFiles.computeIfAbsent(file, path -> new BadFileTally());
        tally.skipped.merge(bad.defect(), 1L, Long::sum);
        if (tally.skippedRows++ == 0) {
            tally.firstSkippedLine = line;
        }
        if (tally.skippedRows <= LOGGED_ROWS_PER_FILE) {
            LOG.warn("skipping kline row {}:{} ({}: {}): {}", file, line, bad.defect().token(), bad.getMessage(), printable(row));
        }
    }

    void unusable(ReplayInputReport.UnusableFile unusable) {
        badFiles.computeIfAbsent(unusable.file(), path -> new BadFileTally()).unusable = unusable;
    }

    /** At a file's end: its total, if more rows were skipped than were logged one by one. */
    void fileEnded(Path file) {
        BadFileTally tally = badFiles.get(file);
        if (tally != null && tally.skippedRows > LOGGED_ROWS_PER_FILE) {
            LOG.warn("{}: {} rows skipped in all ({})", file, tally.skippedRows, ReplayInputReport.reasons(tally.skipped));
        }
    }

    ReplayInputReport report() {
        List<ReplayInputReport.BadFile> bad = new ArrayList<>();
        badFiles.forEach((file, tally) -> bad.add(new ReplayInputReport.BadFile(file, tally.skipped, tally.firstSkippedLine, tally.unusable)));
        return new ReplayInputReport(files, rows, skipped, bad);
    }

    /** The row as logged: cut short, bytes outside printable ASCII as \xNN. */
    private static String printable(String row) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < row.length() && text.length() < 160; i++) {
            char c = row.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                text.append(c);
            } else {
                text.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
            }
        }
        return row.length() > 160 ? text + "..." : text.toString();
    }
}
