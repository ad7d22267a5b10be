package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol's kline files read in order; {@link #head} is its next candle. A bad row is skipped and counted. A
 * file that cannot be read to its end throws — or, when bad files are skipped, is left at the line it broke at,
 * and reading goes on with the next file.
 */
final class SymbolStream {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayMarketData.class);

    private final String symbol;
    private final Iterator<Path> files;
    private final boolean skipBadFiles;
    private final InputTally tally;
    private KlineFileReader reader;
    private int malformed;
    Candle head;

    SymbolStream(String symbol, List<Path> files, boolean skipBadFiles, InputTally tally) {
        this.symbol = symbol;
        this.files = files.iterator();
        this.skipBadFiles = skipBadFiles;
        this.tally = tally;
    }

    String symbol() {
        return symbol;
    }

    /** Moves {@link #head} to the next candle; false when the symbol's files are done. */
    boolean advance() {
        while (true) {
            try {
                if (reader == null) {
                    if (!files.hasNext()) {
                        head = null;
                        return false;
                    }
                    reader = KlineFileReader.open(files.next());
                }
                String row = reader.nextRow();
                if (row == null) {
                    tally.fileEnded(reader.file());
                    close();
                    continue;
                }
                tally.row();
                try {
                    head = KlineCsv.parse(symbol, row);
                    return true;
                } catch (BadKlineRow bad) {
                    malformed++;
                    tally.skipped(reader.file(), reader.line(), bad, row);
                }
            } catch (UnusableKlineFileException e) {
                giveUp(e);
            }
        }
    }

    private void giveUp(UnusableKlineFileException error) {
        ReplayInputReport.UnusableFile unusable = error.files().getFirst();
        if (reader != null) {
            tally.fileEnded(reader.file());
        }
        close();
        tally.unusable(unusable);
        if (!skipBadFiles) {
            throw error;
        }
        LOG.warn("{}: {}; {} (skip bad files is on)", unusable.file(), unusable.problem(),
                unusable.line() > 0 ? "the rest of the file is skipped" : "the file is skipped");
    }

    /** Rows skipped since the last call. */
    int takeMalformed() {
        int taken = malformed;
        malformed = 0;
        return taken;
    }

    void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
