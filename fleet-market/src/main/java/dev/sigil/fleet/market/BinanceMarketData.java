package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live klines from Binance for the universe: each cycle asks, per symbol, for the candles after the last one it
 * has, and hands out only closed ones (close time not after now; the newest row is usually still forming). A
 * symbol whose request fails is skipped this cycle and asked again from the same point next cycle — nothing is
 * lost, nothing crashes the cycle. A row of an answer that is not a kline row is skipped and counted ({@code
 * malformed}); the answer's other rows are used.
 */
public final class BinanceMarketData implements MarketDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceMarketData.class);
    /** The most klines Binance returns for one request. */
    static final int PAGE = 1000;

    private final BinanceKlineClient client;
    private final List<String> symbols;
    private final String intervalName;
    private final Duration interval;
    private final Map<String, Instant> lastOpen = new HashMap<>();

    public BinanceMarketData(BinanceKlineClient client, List<String> symbols, String intervalName, Duration interval) {
        this.client = client;
        this.symbols = List.copyOf(symbols);
        this.intervalName = intervalName;
        this.interval = interval;
    }

    @Override
    public String kind() {
        return "binance";
    }

    @Override
    public String description() {
        return "Binance klines (" + symbols.size() + " symbols, " + intervalName + ")";
    }

    @Override
    public boolean live() {
        return true;
    }

    /**
     * The closed candles of the {@code perSymbol} intervals before {@code asOf}, page by page (Binance answers at most
     * 1000 klines a request: an hourly ATR(14) on minute candles needs 15 hours, 900 and more). Binance answers per
     * symbol, so every symbol's history is fetched before the first time step is handed out; it is held as columns of
     * numbers (64 bytes a candle, half a {@link Candle} object's) and each time step's candles are made as it goes.
     */
    @Override
    public void history(Instant asOf, int perSymbol, Consumer<List<Candle>> timeStep) {
        List<History> histories = new ArrayList<>(symbols.size());
        for (String symbol : symbols) {
            List<Candle> candles = new ArrayList<>();
            Instant start = asOf.minus(interval.multipliedBy(perSymbol + 1L));
            while (start.isBefore(asOf)) {
                int before = candles.size();
                fetch(symbol, start, asOf, PAGE, candles);
                if (candles.size() - before < PAGE) {
                    break;
                }
                start = candles.getLast().openTime().plus(interval);
            }
            if (!candles.isEmpty()) {
                histories.add(new History(symbol, candles));
            }
        }
        List<Candle> step = new ArrayList<>(histories.size());
        while (true) {
            long open = Long.MAX_VALUE;
            for (History history : histories) {
                open = Math.min(open, history.nextOpen());
            }
            if (open == Long.MAX_VALUE) {
                return;
            }
            step.clear();
            for (History history : histories) {
                if (history.nextOpen() == open) {
                    step.add(history.next());
                }
            }
            timeStep.accept(step);
        }
    }

    /** One symbol's warm-up candles, oldest first, as columns; {@link #next} makes them one at a time. */
    private static final class History {
        private final String symbol;
        private final long[] openMillis;
        private final long[] closeMillis;
        private final double[] values;
        private int next;

        History(String symbol, List<Candle> candles) {
            this.symbol = symbol;
            int size = candles.size();
            openMillis = new long[size];
            closeMillis = new long[size];
            values = new double[6 * size];
            for (int i = 0; i < size; i++) {
                Candle candle = candles.get(i);
                openMillis[i] = candle.openTime().toEpochMilli();
                closeMillis[i] = candle.closeTime().toEpochMilli();
                double[] row = {candle.open(), candle.high(), candle.low(), candle.close(), candle.volume(), candle.quoteVolume()};
                System.arraycopy(row, 0, values, 6 * i, 6);
            }
        }

        long nextOpen() {
            return next < openMillis.length ? openMillis[next] : Long.MAX_VALUE;
        }

        Candle next() {
            int i = next++;
            int at = 6 * i;
            return new Candle(symbol, Instant.ofEpochMilli(openMillis[i]), Instant.ofEpochMilli(closeMillis[i]),
                    values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4], values[at + 5]);
        }
    }

    /** The closed candles since the last call; rows of Binance's answers that were not kline rows count as malformed. */
    @Override
    public Batch next(Instant now) {
        List<Candle> candles = new ArrayList<>();
        int skippedRows = 0;
        for (String symbol : symbols) {
            Instant last = lastOpen.get(symbol);
            Instant start = last == null ? now.minus(interval.multipliedBy(2)) : last.plus(interval);
            skippedRows += fetch(symbol, start, now, 1000, candles);
        }
        return new Batch(candles, now, false, skippedRows);
    }

    /** Adds the symbol's closed candles to {@code closed}; returns the rows of the answer that were skipped. */
    private int fetch(String symbol, Instant start, Instant now, int limit, List<Candle> closed) {
        try {
            BinanceKlineClient.Klines klines = client.klines(symbol, intervalName, start, limit);
            for (Candle candle : klines.candles()) {
                if (!candle.closeTime().isAfter(now)) {
                    closed.add(candle);
                    lastOpen.put(symbol, candle.openTime());
                }
            }
            return klines.skippedRows();
        } catch (BinanceKlineClient.BinanceException e) {
            LOG.warn("{}: no klines this cycle: {}", symbol, e.getMessage());
            return 0;
        }
    }
}
