package dev.sigil.fleet.runner.marketdata;

import dev.sigil.fleet.core.candle.Candle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays kline dump files as fast as the engine asks: each call hands out one time step — every symbol's candle
 * with the earliest open time not yet replayed. Files are streamed, never loaded whole. Unreadable rows are
 * skipped and counted ({@code malformed}); a bad candle that parses is left for the engine's candle gate.
 */
public final class ReplayMarketData implements MarketDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayMarketData.class);

    private final KlineFiles files;
    private final PriorityQueue<SymbolStream> heads = new PriorityQueue<>((a, b) -> {
        int byTime = a.head.openTime().compareTo(b.head.openTime());
        return byTime != 0 ? byTime : a.symbol.compareTo(b.symbol);
    });
    private final List<SymbolStream> streams = new ArrayList<>();

    public ReplayMarketData(KlineFiles files, List<String> symbols) {
        this.files = files;
        for (String symbol : symbols) {
            List<Path> paths = files.bySymbol().get(symbol);
            if (paths != null) {
                SymbolStream stream = new SymbolStream(symbol, paths);
                streams.add(stream);
                if (stream.advance()) {
                    heads.add(stream);
                }
            }
        }
    }

    @Override
    public String kind() {
        return "replay";
    }

    @Override
    public String description() {
        return "replay of " + files.fileCount() + " kline files (" + String.join(", ", files.symbols()) + ", " + files.interval() + ") in " + files.directory();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public List<Candle> history(Instant asOf, int perSymbol) {
        return List.of();
    }

    @Override
    public Batch next(Instant now) {
        int malformed = streams.stream().mapToInt(SymbolStream::takeMalformed).sum();
        if (heads.isEmpty()) {
            return new Batch(List.of(), null, true, malformed);
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
        malformed += streams.stream().mapToInt(SymbolStream::takeMalformed).sum();
        return new Batch(candles, marketTime, false, malformed);
    }

    @Override
    public void close() {
        streams.forEach(SymbolStream::close);
    }

    /** One symbol's files read line by line in order; {@code head} is its next candle. */
    private static final class SymbolStream {
        private final String symbol;
        private final Iterator<Path> files;
        private BufferedReader reader;
        private Path current;
        private long lineNumber;
        private int malformed;
        Candle head;

        SymbolStream(String symbol, List<Path> files) {
            this.symbol = symbol;
            this.files = files.iterator();
        }

        boolean advance() {
            try {
                while (true) {
                    if (reader == null) {
                        if (!files.hasNext()) {
                            head = null;
                            return false;
                        }
                        open(files.next());
                    }
                    String line = reader.readLine();
                    if (line == null) {
                        reader.close();
                        reader = null;
                        continue;
                    }
                    lineNumber++;
                    line = line.strip();
                    if (line.isEmpty() || (lineNumber == 1 && KlineCsv.isHeader(line))) {
                        continue;
                    }
                    Candle candle = KlineCsv.parse(symbol, line);
                    if (candle == null) {
                        if (malformed++ < 5) {
                            LOG.warn("skipping malformed kline row {}:{}: {}", current, lineNumber, line.length() > 120 ? line.substring(0, 120) : line);
                        }
                        continue;
                    }
                    head = candle;
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + current + ": " + e.getMessage(), e);
            }
        }

        private void open(Path file) throws IOException {
            current = file;
            lineNumber = 0;
            if (file.getFileName().toString().endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(Files.newInputStream(file));
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null && (entry.isDirectory() || !entry.getName().endsWith(".csv"))) {
                    // skip to the CSV inside
                }
                if (entry == null) {
                    zip.close();
                    throw new IOException("no .csv inside " + file);
                }
                reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.US_ASCII), 1 << 16);
            } else {
                reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
            }
        }

        int takeMalformed() {
            int taken = malformed;
            malformed = 0;
            return taken;
        }

        void close() {
            try {
                if (reader != null) {
                    reader.close();
                }
            } catch (IOException e) {
                LOG.debug("closing {}: {}", current, e.getMessage());
            }
        }
    }
}
