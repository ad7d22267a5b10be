package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Replays through the runner with its database writes, in this process. */
final class ReplayBench {

    private final BenchContext context;
    private final int candles;
    private final int oneSymbolCandles;

    ReplayBench(BenchContext context, int candles, int oneSymbolCandles) {
        this.context = context;
        this.candles = candles;
        this.oneSymbolCandles = oneSymbolCandles;
    }

    void run(BenchDatabases databases) throws Exception {
        replay(databases);
    }

    private void replay(BenchDatabases databases) throws Exception {
        replay(databases, "replay.10.candles_per_second", "replay through the runner with its database writes, 10 symbols × " + candles,
                candles, List.of(), 200_000);
        replay(databases, "replay.1.candles_per_second", "the same, one symbol × " + oneSymbolCandles, oneSymbolCandles,
                List.of("market.symbols=[BTCUSDT]"), 100_000);
    }

    private void replay(BenchDatabases databases, String key, String measure, int steps, List<String> sets, double target) throws Exception {
        double best = 0;
        String detail = "";
        for (int run = 1; run <= context.repeat; run++) {
            context.progress(measure + context.runOf(run));
            DatabaseTarget database = databases.fresh("sigil_bench_replay");
            try (BenchRunner runner = BenchRunner.launch(database, Map.of("variant", "baseline", "overlays", context.overlays.toAbsolutePath().toString(),
                    "market", "synthetic", "synthetic-steps", steps, "after-session", "exit", "sets", sets))) {
                long start = System.nanoTime();
                runner.run();
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = runner.candles() / seconds;
                if (rate > best) {
                    best = rate;
                    detail = String.format(Locale.ROOT, "%,d candles in %.2f s, %,d ticks", runner.candles(), seconds, runner.ticks());
                }
            }
        }
        context.add(BenchFigure.of(key, measure, best, Unit.CANDLES_PER_SECOND, target, detail));
    }
}
