package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays kline dump files as fast as the engine asks: each call hands out one time step — every symbol's candle
 * with the earliest open time not yet replayed. Files are streamed, never loaded whole.
 * <p>
 * Bad input is never lost in silence. A bad row (a byte outside ASCII, the wrong fields, not a number) is skipped,
 * logged and counted ({@code malformed}), and the rest of its file is read; a bad candle that parses is left for
 * the engine's candle gate. A file that cannot be read to its end (truncated or corrupt archive, I/O error, no CSV
 * inside, no rows) fails the replay with {@link UnusableKlineFileException} — found by {@link #open} before the
 * first candle, by reading every file once — unless bad files are skipped: then what can be read of it is
 * replayed and the replay goes on with the next file. {@link #inputReport} says what was read, skipped and bad.
 */
public final class ReplayMarketData implements MarketDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayMarketData.class);

    private final KlineFiles files;
    private final boolean skipBadFiles;
    private final InputTally tally;
    private final PriorityQueue<SymbolStream> heads = new PriorityQueue<>((a, b) -> {
        int byTime = a.head.openTime().compareTo(b.head.openTime());
        return byTime != 0 ? byTime : a.symbol().compareTo(b.symbol());
    });
    private final List<SymbolStream> streams = new ArrayList<>();
    private boolean ended;

    /**
     * The replay of {@code symbols}' files. Unless {@code skipBadFiles}, every file is first read to its end once
     * (a fraction of the replay's own time), and unusable ones are refused together, before anything is replayed.
     */
    public static ReplayMarketData open(KlineFiles files, List<String> symbols, boolean skipBadFiles) {
        if (!skipBadFiles) {
            long started = System.nanoTime();
            List<Path> paths = files.of(symbols);
            List<ReplayInputReport.UnusableFile> unusable = new ArrayList<>();
            for (Path path : paths) {
                try {
                    KlineFileReader.readToEnd(path);
                } catch (UnusableKlineFileException e) {
                    unusable.addAll(e.files());
                }
            }
            if (!unusable.isEmpty()) {
                throw new UnusableKlineFileException(unusable);
            }
            LOG.info("{} kline files read to their end in {} ms", paths.size(), (System.nanoTime() - started) / 1_000_000);
        }
        return new ReplayMarketData(files, symbols, skipBadFiles);
    }

    /** The replay without the check of {@link #open}: an unusable file is found when the replay reaches it. */
    ReplayMarketData(KlineFiles files, List<String> symbols, boolean skipBadFiles) {
        this.files = files;
        this.skipBadFiles = skipBadFiles;
        this.tally = new InputTally(files.of(symbols).size());
        try {
            for (String symbol : symbols) {
                List<Path> paths = files.bySymbol().get(symbol);
                if (paths != null) {
                    SymbolStream stream = new SymbolStream(symbol, paths, skipBadFiles, tally);
                    streams.add(stream);
                    if (stream.advance()) {
                        heads.add(stream);
                    }
                }
            }
        } catch (UnusableKlineFileException e) {
            close();
            throw e;
        }
    }

    @Override
    public String kind() {
        return "replay";
    }

    @Override
    public String description() {
        return "replay of " + files.fileCount() + " kline files (" + String.join(", ", files.symbols()) + ", " + files.interval() + ") in "
                + files.directory() + (skipBadFiles ? ", skipping bad files" : "");
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public void history(Instant asOf, int perSymbol, Consumer<List<Candle>> timeStep) {
    }

    /**
     * The next time step. An unusable file (bad files not skipped) throws once, and the replay ends there: every
     * later call is exhausted.
     */
    @Override
    public Batch next(Instant now) {
        if (ended) {
            return new Batch(List.of(), null, true, takeMalformed());
        }
        try {
            if (heads.isEmpty()) {
                end();
                return new Batch(List.of(), null, true, takeMalformed());
            }
            Instant step = heads.peek().head.openTime();
            List<Candle> candles = new ArrayList<>();
            Instant marketTime = null;
            while (!heads.isEmpty() && heads.peek().head.openTime().equals(step)) {
                SymbolStream stream = heads.poll();
                candles.add(stream.head);
                marketTime = marketTime == null || stream.head.closeTime().isAfter(marketTime) ? stream.head.closeTime() : marketTime;
                if (stream.advance()) {
                    heads.add(stream);
                }
            }
            return new Batch(candles, marketTime, false, takeMalformed());
        } catch (UnusableKlineFileException e) {
            end();
            throw e;
        }
    }

    /** What the replay has read, skipped and found bad so far; always present. */
    @Override
    public Optional<ReplayInputReport> inputReport() {
        return Optional.of(tally.report());
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        ReplayInputReport report = tally.report();
        if (report.clean()) {
            LOG.info("replay input: {}", report.summary());
        } else {
            LOG.warn("replay input: {}; bad files: {}", report.summary(),
                    String.join("; ", report.badFiles().stream().map(ReplayInputReport.BadFile::describe).toList()));
        }
    }

    private int takeMalformed() {
        // once per time step: a plain loop (a stream here was a twentieth of a one-symbol replay)
        int malformed = 0;
        for (int i = 0; i < streams.size(); i++) {
            malformed += streams.get(i).takeMalformed();
        }
        return malformed;
    }

    @Override
    public void close() {
        streams.forEach(SymbolStream::close);
    }
}
