package dev.sigil.fleet.market;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * One kline dump file — a {@code .csv}, or a {@code .zip} holding one — read row by row with line numbers, streamed.
 * Bytes are taken one for one as characters (ISO-8859-1), so a stray byte spoils its own line and nothing else;
 * blank lines and a header on line 1 are not rows. A file that cannot be read to its end throws
 * {@link UnusableKlineFileException} naming the line it broke at, after every complete line before it has been
 * handed out: truncated or corrupt archive, I/O error, no CSV in the archive, and a file without a single row.
 */
final class KlineFileReader implements Closeable {

    /** Lines are cut here (the rest up to the newline is dropped); a kline row is about 150 bytes. */
    private static final int MAX_LINE = 1 << 16;
    private static final String BYTE_ORDER_MARK = "\u00EF\u00BB\u00BF";

    private final Path file;
    private final InputStream in;
    private final boolean archive;
    private final byte[] buffer = new byte[MAX_LINE];
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean dropToNewline;
    private long line;
    private long rows;

    private KlineFileReader(Path file, InputStream in, boolean archive) {
        this.file = file;
        this.in = in;
        this.archive = archive;
    }

    static KlineFileReader open(Path file) {
        boolean archive = file.getFileName().toString().endsWith(".zip");
        InputStream in = null;
        try {
            if (Files.size(file) == 0) {
                throw unusable(file, FileDefect.EMPTY_FILE, 0, "zero bytes");
            }
            in = Files.newInputStream(file);
            if (archive) {
                in = new BufferedInputStream(in, 1 << 16);
                ZipInputStream zip = new ZipInputStream(in);
                in = zip;
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null && (entry.isDirectory() || !entry.getName().endsWith(".csv"))) {
                    // skip to the CSV inside
                }
                if (entry == null) {
                    throw unusable(file, FileDefect.NO_CSV_IN_ARCHIVE, 0, "no .csv entry found");
                }
            }
            return new KlineFileReader(file, in, archive);
        } catch (IOException e) {
            closeQuietly(in);
            throw unusable(file, defectOf(e, archive), 0, e.getMessage());
        } catch (UnusableKlineFileException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** Reads the whole file and drops it: whether it can be replayed to its end, before a replay relies on it. */
    static void readToEnd(Path file) {
        try (KlineFileReader reader = open(file)) {
            while (reader.nextRow() != null) {
                // every row read and dropped
            }
        }
    }

    Path file() {
        return file;
    }

    /** The line number of the row {@link #nextRow} returned last. */
    long line() {
        return line;
    }

    /** The next row (the line without its end), or null after the last one. */
    String nextRow() {
        while (true) {
            String text = nextLine();
            if (text == null) {
                if (rows == 0) {
                    throw unusable(file, FileDefect.EMPTY_FILE, 0, line == 0 ? "no lines" : "no kline rows in " + line + " line" + (line == 1 ? "" : "s"));
                }
                return null;
            }
            if (line == 1 && text.startsWith(BYTE_ORDER_MARK)) {
                text = text.substring(BYTE_ORDER_MARK.length());
            }
            if (text.isBlank() || (line == 1 && KlineCsv.isHeader(text))) {
                continue;
            }
            rows++;
            return text;
        }
    }

    private String nextLine() {
        while (dropToNewline) {
            int newline = newline(position);
            if (newline >= 0 || endOfInput) {
                position = newline >= 0 ? newline + 1 : limit;
                dropToNewline = false;
            } else {
                position = limit;
                fill();
            }
        }
        int from = position;
        while (true) {
            int newline = newline(from);
            if (newline >= 0) {
                return take(newline, newline + 1);
            }
            if (endOfInput) {
                return position == limit ? null : take(limit, limit);
            }
            if (position == 0 && limit == buffer.length) {
                dropToNewline = true;
                return take(limit, limit);
            }
            from = limit - position;
            fill();
        }
    }

    private int newline(int from) {
        for (int i = from; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String take(int end, int next) {
        String text = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
        position = next;
        line++;
        return text;
    }

    /** Moves the unread bytes to the front and reads more; a failure here is the file's end, at the line being read. */
    private void fill() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        try {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        } catch (IOException e) {
            throw unusable(file, defectOf(e, archive), line + 1, e.getMessage());
        }
    }

    private static FileDefect defectOf(IOException error, boolean archive) {
        if (!archive) {
            return FileDefect.READ_ERROR;
        }
        if (error instanceof EOFException || (error instanceof ZipException && String.valueOf(error.getMessage()).contains("EOF"))) {
            return FileDefect.TRUNCATED_ARCHIVE;
        }
        return error instanceof ZipException ? FileDefect.CORRUPT_ARCHIVE : FileDefect.READ_ERROR;
    }

    private static UnusableKlineFileException unusable(Path file, FileDefect defect, long line, String detail) {
        String text = detail == null ? "" : detail.strip().replaceAll("\\s+", " ");
        return new UnusableKlineFileException(new ReplayInputReport.UnusableFile(file, defect, line, text));
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing more to read from it either way
            }
        }
    }
}
