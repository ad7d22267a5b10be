package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.SigilConfig;
import java.util.Locale;

/** The pure parts: the incremental indicators per candle (and ta4j's for comparison), and the engine alone. */
final class CoreBench {

    private final BenchContext context;
    private final int candles;

    CoreBench(BenchContext context, int candles) {
        this.context = context;
        this.candles = candles;
    }

    void run(boolean indicators, SigilConfig engineConfig) {
        if (indicators) {
            indicators();
        }
        if (engineConfig != null) {
            engine(engineConfig);
        }
    }

    private void indicators() {
        Candle[] series = IndicatorBench.candles(500_000);
        IndicatorBench.Cost ours = null;
        IndicatorBench.Cost theirs = null;
        // the best of the runs for the bytes too: a run can count a few hundred bytes the JVM allocated once on the
        // measuring thread (0.0001 bytes a candle), which a per-candle allocation would show in every run
        double leastBytes = Double.MAX_VALUE;
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("indicators per candle, engine and ta4j" + context.runOf(run));
            IndicatorBench.Cost engine = IndicatorBench.engine(series);
            IndicatorBench.Cost ta4j = IndicatorBench.ta4j(series);
            ours = ours == null || engine.nanosPerCandle() < ours.nanosPerCandle() ? engine : ours;
            theirs = theirs == null || ta4j.nanosPerCandle() < theirs.nanosPerCandle() ? ta4j : theirs;
            leastBytes = Math.min(leastBytes, engine.bytesPerCandle());
        }
        context.add(BenchFigure.of("indicators.engine.ns", "indicators per candle, engine (EMA 9, EMA 21, RSI 14, ATR 14)",
                ours.nanosPerCandle(), Unit.NANOSECONDS, null, null));
        context.add(BenchFigure.of("indicators.engine.bytes", "heap allocated per candle by those indicators", leastBytes, Unit.BYTES, 0.0, null));
        context.add(BenchFigure.of("indicators.ta4j.ns", "the same with ta4j 0.22.2 (DoubleNum, 500-bar series)", theirs.nanosPerCandle(),
                Unit.NANOSECONDS, null, String.format(Locale.ROOT, "%.0f bytes allocated", theirs.bytesPerCandle())));
    }

    private void engine(SigilConfig config) {
        EngineBench bench = new EngineBench(config, candles);
        EngineBench.Pass best = null;
        context.progress("engine alone: warming the JIT up (5 passes)");
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            bench.pass();
        }
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("engine alone, 10 symbols × " + candles + context.runOf(run));
            EngineBench.Pass pass = bench.pass();
            best = best == null || pass.candlesPerSecond() > best.candlesPerSecond() ? pass : best;
        }
        String detail = String.format(Locale.ROOT, "%,d candles, %d entries", best.candles(), best.entries());
        context.add(BenchFigure.of("engine.candles_per_second", "engine alone (no I/O; guards, risk, hourly stop ATR included), 10 symbols",
                best.candlesPerSecond(), Unit.CANDLES_PER_SECOND, 2_000_000.0, detail));
        EngineBench.Quiet quiet = bench.quiet();
        for (int run = 2; run <= context.repeat; run++) {
            EngineBench.Quiet again = bench.quiet();
            quiet = again.bytesPerCandle() < quiet.bytesPerCandle() ? again : quiet;
        }
        context.add(BenchFigure.of("engine.quiet_bytes_per_candle", "heap allocated by the engine per candle on the hot path (quiet ticks)",
                quiet.bytesPerCandle(), Unit.BYTES, 0.0, String.format(Locale.ROOT, "%,d of %,d ticks wrote nothing to the ledger",
                        quiet.quietTicks(), quiet.ticks())));
        context.add(BenchFigure.of("engine.bytes_per_candle", "heap allocated by the engine per candle, every tick", best.bytesPerCandle(), Unit.BYTES,
                null, String.format(Locale.ROOT, "%.0f bytes a tick: entries, exits, trail moves, signals, snapshots", best.bytesPerTick())));
    }
}
