package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.engine.EngineListener;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.engine.Tick;
import dev.sigil.fleet.core.strategy.EmaCrossStrategy;
import dev.sigil.fleet.market.MarketDataSource;
import dev.sigil.fleet.market.SyntheticMarketData;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure engine alone: pre-built ticks of synthetic candles (10 symbols) through a fresh {@link ScanEngine} with a
 * ledger that keeps nothing, so the figure is the engine's own cost — candle gate, exits, indicators, strategy,
 * trail, guards, risk manager, sizing — and the heap it allocates per candle on that path.
 */
final class EngineBench {

    /** Candles a second and heap bytes allocated per candle, of one pass. */
    record Pass(double candlesPerSecond, double bytesPerCandle, double bytesPerTick, long candles, long entries) {
    }

    /**
     * Heap allocated on the quiet ticks — those that wrote nothing to the ledger: the hot path every candle takes —
     * per candle, and how many of the pass's ticks were quiet.
     */
    record Quiet(double bytesPerCandle, long quietTicks, long ticks) {
    }

    private final SigilConfig config;
    private final List<Tick> ticks = new ArrayList<>();
    private final long candles;

    EngineBench(SigilConfig config, int steps) {
        this.config = config;
        MarketDataSource market = SyntheticMarketData.replay(42, config.market().symbols(), Intervals.parse(config.market().interval()),
                Instant.parse("2020-01-01T00:00:00Z"), steps);
        long count = 0;
        MarketDataSource.Batch batch;
        while (!(batch = market.next(null)).exhausted()) {
            ticks.add(new Tick(ticks.size() + 1, batch.marketTime(), batch.candles(), false));
            count += batch.candles().size();
        }
        this.candles = count;
    }

    Pass pass() {
        ScanEngine engine = new ScanEngine(config, EmaCrossStrategy.of(config.strategy()), new DiscardingLedger(), EngineListener.NONE, 0);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        long entries = 0;
        for (Tick tick : ticks) {
            entries += engine.tick(tick).entries();
        }
        long nanos = System.nanoTime() - start;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        return new Pass(candles / (nanos / 1e9), (double) allocated / candles, (double) allocated / ticks.size(), candles, entries);
    }

    /** A pass that reads the thread's allocation counter around every tick (so it is not the timed one). */
    Quiet quiet() {
        DiscardingLedger ledger = new DiscardingLedger();
        ScanEngine engine = new ScanEngine(config, EmaCrossStrategy.of(config.strategy()), ledger, EngineListener.NONE, 0);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long reading = Long.MAX_VALUE;
        for (int i = 0; i < 1000; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            reading = Math.min(reading, threads.getCurrentThreadAllocatedBytes() - before);
        }
        long bytes = 0;
        long quietCandles = 0;
        long quietTicks = 0;
        for (Tick tick : ticks) {
            long writes = ledger.writes();
            long before = threads.getCurrentThreadAllocatedBytes();
            engine.tick(tick);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before - reading;
            if (ledger.writes() == writes) {
                bytes += allocated;
                quietCandles += tick.candles().size();
                quietTicks++;
            }
        }
        return new Quiet(quietCandles == 0 ? Double.NaN : (double) bytes / quietCandles, quietTicks, ticks.size());
    }
}
