package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.marketdata.SyntheticMarket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seeded synthetic market as a data source. As replay, it hands out {@code steps} time steps from
 * {@code start}, one per call. Live, it is anchored so that its candles close on the wall clock: each call hands
 * out the candles closed since the last one, and {@link #history} the ones before the runner started.
 */
public final class SyntheticMarketData implements MarketDataSource {

    private final List<SyntheticMarket> markets = new ArrayList<>();
    private final long seed;
    private final boolean live;
    private final long steps;
    private final Duration interval;
    private long stepsGiven;

    private SyntheticMarketData(long seed, List<String> symbols, Duration interval, Instant start, boolean live, long steps) {
        this.seed = seed;
        this.live = live;
        this.steps = steps;
        this.interval = interval;
        for (String symbol : symbols) {
            markets.add(new SyntheticMarket(seed, symbol, interval, start));
        }
    }

    /** A finite synthetic replay of {@code steps} candles per symbol from {@code start}. */
    public static SyntheticMarketData replay(long seed, List<String> symbols, Duration interval, Instant start, long steps) {
        return new SyntheticMarketData(seed, symbols, interval, start, false, steps);
    }

    /** A live synthetic market: its first candle opens {@code warmupCandles} intervals before {@code now}. */
    public static SyntheticMarketData live(long seed, List<String> symbols, Duration interval, Instant now, int warmupCandles) {
        long aligned = now.toEpochMilli() / interval.toMillis() * interval.toMillis();
        Instant start = Instant.ofEpochMilli(aligned).minus(interval.multipliedBy(warmupCandles));
        return new SyntheticMarketData(seed, symbols, interval, start, true, Long.MAX_VALUE);
    }

    @Override
    public String kind() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "synthetic market (seed " + seed + ", " + markets.size() + " symbols" + (live ? ", live" : ", " + steps + " steps") + ")";
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public void history(Instant asOf, int perSymbol, Consumer<List<Candle>> timeStep) {
        // the symbols' markets share their start and interval: one time step is the next candle of each closed one
        List<Candle> step = new ArrayList<>(markets.size());
        while (true) {
            step.clear();
            for (SyntheticMarket market : markets) {
                if (!market.nextOpenTime().plus(interval).isAfter(asOf)) {
                    step.add(market.next());
                }
            }
            if (step.isEmpty()) {
                return;
            }
            timeStep.accept(step);
        }
    }

    @Override
    public Batch next(Instant now) {
        if (live) {
            List<Candle> candles = closedBy(now);
            return new Batch(candles, now, false, 0);
        }
        if (stepsGiven >= steps) {
            return new Batch(List.of(), null, true, 0);
        }
        stepsGiven++;
        List<Candle> candles = new ArrayList<>(markets.size());
        for (SyntheticMarket market : markets) {
            candles.add(market.next());
        }
        return new Batch(candles, candles.getFirst().closeTime(), false, 0);
    }

    private List<Candle> closedBy(Instant now) {
        List<Candle> candles = new ArrayList<>();
        for (SyntheticMarket market : markets) {
            while (!market.nextOpenTime().plus(interval).isAfter(now)) {
                candles.add(market.next());
            }
        }
        candles.sort((a, b) -> a.openTime().compareTo(b.openTime()));
        return candles;
    }
}
