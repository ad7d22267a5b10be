package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.engine.EngineListener;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.engine.Tick;
import dev.sigil.fleet.core.strategy.EmaCrossStrategy;
import dev.sigil.fleet.io.fleet.DatabaseTarget;
import dev.sigil.fleet.io.overlay.GridOverlays;
import dev.sigil.fleet.runner.marketdata.MarketDataSource;
import dev.sigil.fleet.runner.marketdata.SyntheticMarketData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
                "Measure the runner and print the figures: indicator cost per candle (the engine's vs ta4j's), the engine "
                        + "alone, replay throughput through the whole runner with its database writes, one live-style scan "
                        + "cycle over 500 symbols, and the runner process's peak RSS with its production JVM options.",
                "Runs on the embedded default PostgreSQL (databases sigil_bench_*, made fresh each run). "
                        + "Takes about a minute. Figures, not a test: nothing fails."})
public final class BenchCommand implements Callable<Integer> {

    /** The JVM options systemd/sigil-runner@.service starts the runner with. */
    public static final String RUNNER_JVM_OPTIONS = "-Xms32m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k";

    @Spec
    CommandSpec spec;

    @Option(names = "--candles", paramLabel = "N", defaultValue = "20000", description = "Candles per symbol, at the overlay's interval, for the replay figures (10 symbols; default: ${DEFAULT-VALUE}).")
    int candles;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "300", description = "Cycles of the 500-symbol live-style run (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlays;

    @Option(names = "--skip-rss", description = "Skip the runner-process RSS figure (it starts a second JVM).")
    boolean skipRss;

    private final List<List<String>> figures = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        err.println("bench 1/5: indicators, engine vs ta4j");
        err.flush();
        indicators();
        err.println("bench 2/5: engine alone");
        err.flush();
        engineAlone();
        try (BenchDatabases databases = BenchDatabases.start(err)) {
            err.println("bench 3/5: replay through the runner with database writes");
            err.flush();
            replay(databases.fresh("sigil_bench_replay"));
            err.println("bench 4/5: live-style cycle over 500 symbols");
            err.flush();
            wideCycle(databases.fresh("sigil_bench_cycle"));
            if (!skipRss) {
                err.println("bench 5/5: runner process RSS");
                err.flush();
                rss(databases.fresh("sigil_bench_rss"));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(dev.sigil.fleet.cli.Tables.render(List.of("measure", "figure", "target"), figures));
        return 0;
    }

    private void indicators() {
        Candle[] series = IndicatorBench.candles(500_000);
        IndicatorBench.Cost ours = IndicatorBench.engine(series);
        IndicatorBench.Cost theirs = IndicatorBench.ta4j(series);
        figures.add(List.of("indicators per candle, engine (EMA 9, EMA 21, RSI 14, ATR 14)",
                String.format(Locale.ROOT, "%.1f ns, %.0f bytes allocated", ours.nanosPerCandle(), ours.bytesPerCandle()), "O(1)"));
        figures.add(List.of("indicators per candle, ta4j 0.22.2 (DoubleNum, 500-bar series)",
                String.format(Locale.ROOT, "%.1f ns, %.0f bytes allocated", theirs.nanosPerCandle(), theirs.bytesPerCandle()), "-"));
    }

    private void engineAlone() {
        SigilConfig config = new GridOverlays(overlays).resolve(new GridOverlays(overlays).overlayOf("baseline"), List.of()).config();
        ScanEngine engine = new ScanEngine(config, EmaCrossStrategy.of(config.strategy()), new DiscardingLedger(), EngineListener.NONE, 0);
        MarketDataSource market = SyntheticMarketData.replay(42, config.market().symbols(), Intervals.parse(config.market().interval()),
                Instant.parse("2020-01-01T00:00:00Z"), candles);
        List<MarketDataSource.Batch> batches = new ArrayList<>();
        MarketDataSource.Batch batch;
        while (!(batch = market.next(null)).exhausted()) {
            batches.add(batch);
        }
        long start = System.nanoTime();
        long tick = 0;
        long count = 0;
        for (MarketDataSource.Batch each : batches) {
            engine.tick(new Tick(++tick, each.marketTime(), each.candles(), false));
            count += each.candles().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        figures.add(List.of("engine alone (no I/O), 10 symbols", String.format(Locale.ROOT, "%,.0f candles/s", count / seconds), "-"));
    }

    private void replay(DatabaseTarget database) throws Exception {
        try (var launcher = BenchRunner.launch(database, Map.of("variant", "baseline", "overlays", overlays.toAbsolutePath().toString(),
                "market", "synthetic", "synthetic-steps", candles, "after-session", "exit"))) {
            long start = System.nanoTime();
            launcher.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.add(List.of("replay through the runner, database writes included (10 symbols × " + candles + ")",
                    String.format(Locale.ROOT, "%,.0f candles/s (%,d candles in %.1f s)", launcher.candles() / seconds, launcher.candles(), seconds),
                    "≥ 20,000 candles/s"));
        }
    }

    private void wideCycle(DatabaseTarget database) throws Exception {
        String symbols = String.join(", ", IntStream.rangeClosed(1, 500).mapToObj(i -> String.format(Locale.ROOT, "S%04dUSDT", i)).toList());
        try (var launcher = BenchRunner.launch(database, Map.of("variant", "baseline", "overlays", overlays.toAbsolutePath().toString(),
                "market", "synthetic", "synthetic-steps", cycles, "after-session", "exit", "replay-heartbeat-seconds", 0,
                "sets", List.of("market.symbols=[" + symbols + "]", "entry.max_open_positions=50")))) {
            launcher.run();
            BenchRunner.CycleTimes times = launcher.cycleTimes();
            figures.add(List.of("one live-style cycle, 500 symbols (heartbeat, breaker, ledger writes; no network)",
                    String.format(Locale.ROOT, "median %.1f ms, p99 %.1f ms, mean %.1f ms over %d cycles", times.medianMillis(), times.p99Millis(),
                            times.meanMillis(), times.count()), "≤ 20 ms"));
        }
    }

    private void rss(DatabaseTarget database) throws Exception {
        long peak = BenchRunner.peakRssOfProcess(database, overlays, candles, RUNNER_JVM_OPTIONS);
        figures.add(List.of("runner process peak RSS (replay of 10 × " + candles + ", " + RUNNER_JVM_OPTIONS + ")",
                peak < 0 ? "not measurable here" : String.format(Locale.ROOT, "%.0f MB", peak / 1024.0), "≤ 200 MB"));
    }
}
