package dev.sigil.fleet.market;

/** Why a kline dump file cannot be read to its end. The token names it in logs, errors and reports. */
public enum FileDefect {
    /** Zero bytes, or no kline row at all (blank lines, a header alone). */
    EMPTY_FILE("empty_file"),
    /** A {@code .zip} without a {@code .csv} inside (or not a zip archive at all). */
    NO_CSV_IN_ARCHIVE("no_csv_in_archive"),
    /** The archive ends before its CSV does (an interrupted download). */
    TRUNCATED_ARCHIVE("truncated_archive"),
    /** The archive's data is damaged (bad compressed data, checksum mismatch). */
    CORRUPT_ARCHIVE("corrupt_archive"),
    /** Any other I/O error (permissions, the disk). */
    READ_ERROR("read_error");

    private final String token;

    FileDefect(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
