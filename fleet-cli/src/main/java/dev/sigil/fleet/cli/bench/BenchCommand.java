package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.watch.FleetWatch;
import dev.sigil.fleet.pg.SigilHome;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measure the fleet and print every figure with its target, the best of --repeat runs each, beside the "
                        + "previous run's figure (read from the results file) and the ratio, so a regression shows at a glance:",
                "  indicators  cost per candle of the engine's incremental indicators, and of ta4j's for comparison",
                "  engine      the pure engine alone, 10 symbols: candles/s and heap bytes allocated per candle",
                "  replay      replay through the runner with its database writes, 10 symbols and one symbol",
                "  runner      a runner process at 500 symbols with its production JVM options and class-data archive, "
                        + "every cycle live-style (heartbeat, breaker, truth check, checkpoint): cycle median and p99 (also with commits "
                        + "waiting for the WAL flush, as on a production server), peak RSS, "
                        + "and what native memory tracking says the memory is made of; and the peak RSS of a live runner at "
                        + "500 symbols through its start, its indicators' warm-up and first cycle",
                "  start       runner start (launcher to first heartbeat in the database), alone and four at once, "
                        + "with the class-data archive the first start wrote",
                "  fleet       over 100 variant databases and 5 unreachable ones: a monitor round, fleet status, and "
                        + "fleet migrate of 100 empty databases",
                "Runs on the embedded default PostgreSQL (databases sigil_bench_*, made fresh). Takes about five minutes "
                        + "(--only SECTION for less). Figures, not a test: it exits 0 whether or not targets are met. Run it "
                        + "on a quiet machine, and compare runs of the same machine only."})
public final class BenchCommand implements Callable<Integer> {

    /** The JVM options systemd/sigil-runner@.service starts the runner with (the launcher's default). */
    public static final String RUNNER_JVM_OPTIONS = "-Xms8m -Xmx128m -Xmn6m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError";

    /** The parts of the bench, in the order they run. */
    enum Section { indicators, engine, replay, runner, start, fleet }

    @Spec
    CommandSpec spec;

    @Option(names = "--only", paramLabel = "SECTION", split = ",",
            description = "Run only these sections (repeatable or comma-separated): ${COMPLETION-CANDIDATES}. Default: all.")
    Set<Section> only;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Runs of each measurement; the best counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--candles", paramLabel = "N", defaultValue = "20000",
            description = "Minute candles per symbol for the 10-symbol replay and the engine figure (default: ${DEFAULT-VALUE}).")
    int candles;

    @Option(names = "--one-symbol-candles", paramLabel = "N", defaultValue = "48000",
            description = "Minute candles for the one-symbol replay (default: ${DEFAULT-VALUE}, about five weeks).")
    int oneSymbolCandles;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "300", description = "Cycles of each 500-symbol session: a warm-up session, then the one measured (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlays;

    @Option(names = "--results", paramLabel = "FILE",
            description = "Where the figures are kept between runs: read for the ratios, then the figures measured replaced "
                    + "(the other sections' kept, each with when it was taken; default: $SIGIL_HOME/bench/results.tsv).")
    Path results;

    @Option(names = "--no-save", description = "Compare with the results file but leave it as it is.")
    boolean noSave;

    private final List<BenchFigure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        err = spec.commandLine().getErr();
        if (repeat < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
        }
        Set<Section> sections = only == null || only.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(only);
        Path file = results != null ? results : SigilHome.directory().resolve("bench").resolve("results.tsv");
        Map<String, Double> previous = BenchResults.read(file);
        String previousRun = BenchResults.describe(file);
        SigilConfig baseline = new GridOverlays(overlays).resolve(new GridOverlays(overlays).overlayOf("baseline"), List.of()).config();
        if (sections.contains(Section.indicators)) {
            indicators();
        }
        if (sections.contains(Section.engine)) {
            engine(baseline);
        }
        if (!Collections.disjoint(sections, EnumSet.of(Section.replay, Section.runner, Section.start, Section.fleet))) {
            Path archives = Files.createTempDirectory("sigil-bench-cds");
            try (BenchDatabases databases = BenchDatabases.start(err)) {
                if (sections.contains(Section.replay)) {
                    replay(databases);
                }
                RunnerProcesses processes = new RunnerProcesses(overlays, RUNNER_JVM_OPTIONS, archives);
                if (sections.contains(Section.runner)) {
                    runner(databases, processes, baseline);
                }
                if (sections.contains(Section.start)) {
                    start(databases, processes);
                }
                if (sections.contains(Section.fleet)) {
                    fleet(databases);
                }
            } finally {
                dev.sigil.fleet.cli.Directories.deleteTree(archives);
            }
        }
        print(previous, previousRun, file);
        if (!noSave) {
            BenchResults.write(file, figures, about());
        }
        return 0;
    }

    private void progress(String line) {
        err.println("bench: " + line);
        err.flush();
    }

    private String runOf(int run) {
        return repeat == 1 ? "" : " (run " + run + " of " + repeat + ")";
    }

    private void indicators() {
        Candle[] series = IndicatorBench.candles(500_000);
        IndicatorBench.Cost ours = null;
        IndicatorBench.Cost theirs = null;
        // the best of the runs for the bytes too: a run can count a few hundred bytes the JVM allocated once on the
        // measuring thread (0.0001 bytes a candle), which a per-candle allocation would show in every run
        double leastBytes = Double.MAX_VALUE;
        for (int run = 1; run <= repeat; run++) {
            progress("indicators per candle, engine and ta4j" + runOf(run));
            IndicatorBench.Cost engine = IndicatorBench.engine(series);
            IndicatorBench.Cost ta4j = IndicatorBench.ta4j(series);
            ours = ours == null || engine.nanosPerCandle() < ours.nanosPerCandle() ? engine : ours;
            theirs = theirs == null || ta4j.nanosPerCandle() < theirs.nanosPerCandle() ? ta4j : theirs;
            leastBytes = Math.min(leastBytes, engine.bytesPerCandle());
        }
        figures.add(BenchFigure.of("indicators.engine.ns", "indicators per candle, engine (EMA 9, EMA 21, RSI 14, ATR 14)",
                ours.nanosPerCandle(), Unit.NANOSECONDS, null, null));
        figures.add(BenchFigure.of("indicators.engine.bytes", "heap allocated per candle by those indicators", leastBytes, Unit.BYTES, 0.0, null));
        figures.add(BenchFigure.of("indicators.ta4j.ns", "the same with ta4j 0.22.2 (DoubleNum, 500-bar series)", theirs.nanosPerCandle(),
                Unit.NANOSECONDS, null, String.format(Locale.ROOT, "%.0f bytes allocated", theirs.bytesPerCandle())));
    }

    private void engine(SigilConfig config) {
        EngineBench bench = new EngineBench(config, candles);
        EngineBench.Pass best = null;
        progress("engine alone: warming the JIT up (5 passes)");
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            bench.pass();
        }
        for (int run = 1; run <= repeat; run++) {
            progress("engine alone, 10 symbols × " + candles + runOf(run));
            EngineBench.Pass pass = bench.pass();
            best = best == null || pass.candlesPerSecond() > best.candlesPerSecond() ? pass : best;
        }
        String detail = String.format(Locale.ROOT, "%,d candles, %d entries", best.candles(), best.entries());
        figures.add(BenchFigure.of("engine.candles_per_second", "engine alone (no I/O; guards, risk, hourly stop ATR included), 10 symbols",
                best.candlesPerSecond(), Unit.CANDLES_PER_SECOND, 2_000_000.0, detail));
        EngineBench.Quiet quiet = bench.quiet();
        for (int run = 2; run <= repeat; run++) {
            EngineBench.Quiet again = bench.quiet();
            quiet = again.bytesPerCandle() < quiet.bytesPerCandle() ? again : quiet;
        }
        figures.add(BenchFigure.of("engine.quiet_bytes_per_candle", "heap allocated by the engine per candle on the hot path (quiet ticks)",
                quiet.bytesPerCandle(), Unit.BYTES, 0.0, String.format(Locale.ROOT, "%,d of %,d ticks wrote nothing to the ledger",
                        quiet.quietTicks(), quiet.ticks())));
        figures.add(BenchFigure.of("engine.bytes_per_candle", "heap allocated by the engine per candle, every tick", best.bytesPerCandle(), Unit.BYTES,
                null, String.format(Locale.ROOT, "%.0f bytes a tick: entries, exits, trail moves, signals, snapshots", best.bytesPerTick())));
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
        for (int run = 1; run <= repeat; run++) {
            progress(measure + runOf(run));
            DatabaseTarget database = databases.fresh("sigil_bench_replay");
            try (BenchRunner runner = BenchRunner.launch(database, Map.of("variant", "baseline", "overlays", overlays.toAbsolutePath().toString(),
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
        figures.add(BenchFigure.of(key, measure, best, Unit.CANDLES_PER_SECOND, target, detail));
    }

    private static List<String> manySymbols() {
        String symbols = IntStream.rangeClosed(1, 500).mapToObj(i -> String.format(Locale.ROOT, "S%04dUSDT", i)).collect(Collectors.joining(", "));
        return List.of("market.symbols=[" + symbols + "]", "entry.max_open_positions=50");
    }

    /**
     * Two sessions of {@code cycles} minute candles each, every cycle with the heartbeat, breaker read, truth check and
     * checkpoint of a live one: the first warms the JIT up, the second's cycle times (logged when it ends) are the figure.
     */
    private List<String> manySymbolArguments() {
        List<String> arguments = new ArrayList<>(List.of("--variant", "baseline", "--market", "synthetic", "--synthetic-steps",
                Integer.toString(2 * cycles), "--duration-seconds", Integer.toString(60 * cycles), "--replay-heartbeat-seconds", "0"));
        manySymbols().forEach(set -> arguments.addAll(List.of("--set", set)));
        return arguments;
    }

    /** A live runner on the synthetic market at 500 symbols, as systemd would start one. */
    private static List<String> liveManySymbolArguments() {
        List<String> arguments = new ArrayList<>(List.of("--variant", "baseline", "--market", "synthetic"));
        manySymbols().forEach(set -> arguments.addAll(List.of("--set", set)));
        return arguments;
    }

    private void runner(BenchDatabases databases, RunnerProcesses processes, SigilConfig baseline) throws Exception {
        progress("runner process at 500 symbols: a first run writes its class-data archive");
        processes.run(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500");
        RunnerProcesses.Run best = null;
        long leastRss = Long.MAX_VALUE;
        for (int run = 1; run <= repeat; run++) {
            progress("runner process at 500 symbols, " + 2 * cycles + " cycles" + runOf(run));
            RunnerProcesses.Run measured = processes.run(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500");
            best = best == null || measured.cycleP99Millis() < best.cycleP99Millis() ? measured : best;
            if (measured.peakRssKb() > 0) {
                leastRss = Math.min(leastRss, measured.peakRssKb());
            }
        }
        figures.add(BenchFigure.of("cycle.500.p99_ms", "one live-style cycle over 500 symbols, p99 (runner process: heartbeat, breaker, "
                + "truth check, checkpoint; no network), after as many cycles of warm-up", best.cycleP99Millis(), Unit.MILLISECONDS, 5.0,
                String.format(Locale.ROOT, "median %.1f ms over %d cycles", best.cycleMedianMillis(), best.cycles())));
        figures.add(BenchFigure.of("cycle.500.median_ms", "the same, median", best.cycleMedianMillis(), Unit.MILLISECONDS, null, null));
        figures.add(BenchFigure.of("runner.rss_mb", "runner process peak RSS at 500 symbols × " + 2 * cycles + " cycles",
                leastRss == Long.MAX_VALUE ? Double.NaN : leastRss / 1024.0, Unit.MEGABYTES, 128.0, null));
        long live = Long.MAX_VALUE;
        for (int run = 1; run <= repeat; run++) {
            progress("a live runner at 500 symbols: start, warm-up and first cycle" + runOf(run));
            live = Math.min(live, processes.livePeakRssKb(databases.fresh("sigil_bench_live"), liveManySymbolArguments(), "runner-live-500"));
        }
        figures.add(BenchFigure.of("runner.live_rss_mb", "live runner peak RSS at 500 symbols through its first cycle (the warm-up's "
                + String.format(Locale.ROOT, "%,d", 500L * baseline.warmupCandles()) + " candles fed and recorded)", live / 1024.0, Unit.MEGABYTES, 128.0, null));
        RunnerProcesses.Run flushed = null;
        for (int run = 1; run <= repeat; run++) {
            progress("runner process at 500 symbols, commits waiting for the WAL flush" + runOf(run));
            // the cycles above are a replay's, whose commits do not wait for the WAL flush (ReplayCommits), on a server
            // that does not wait either; a live runner's ledger commits wait on a production server: so here
            RunnerProcesses.Run measured = processes.run(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500",
                    Map.of("DATASOURCES_DEFAULT_CONNECTION_INIT_SQL", "SET synchronous_commit TO on"));
            flushed = flushed == null || measured.cycleP99Millis() < flushed.cycleP99Millis() ? measured : flushed;
        }
        figures.add(BenchFigure.of("cycle.500.flushed.p99_ms", "the same cycle, p99, on a database whose commits wait for the WAL flush "
                + "(synchronous_commit = on, as a live runner's on a production server; a replay's commits, above, do not wait)",
                flushed.cycleP99Millis(), Unit.MILLISECONDS, null,
                String.format(Locale.ROOT, "median %.1f ms over %d cycles", flushed.cycleMedianMillis(), flushed.cycles())));
        progress("runner process at 500 symbols, native memory tracking");
        RunnerProcesses.NativeMemory memory = processes.nativeMemory(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500");
        String breakdown = memory.committedKbByCategory().entrySet().stream().limit(8)
                .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue() / 1024.0)).collect(Collectors.joining(", "));
        notes.add(String.format(Locale.ROOT, "runner at 500 symbols, native memory tracking at exit: %.1f MB committed (%s MB); "
                + "RSS also counts the JVM's own code and the mapped jars", memory.totalCommittedKb() / 1024.0, breakdown));
    }

    private void start(BenchDatabases databases, RunnerProcesses processes) throws Exception {
        List<DatabaseTarget> four = new ArrayList<>();
        for (String variant : List.of("baseline", "moderate", "aggressive", "unhinged")) {
            four.add(databases.fresh("sigil_bench_start_" + variant));
        }
        List<String> live = List.of("--variant", "baseline", "--market", "synthetic");
        progress("runner start to first heartbeat, four at once, without class-data archives yet (they are written at exit)");
        double cold = Collections.max(processes.secondsToFirstHeartbeat(four, live));
        double alone = Double.MAX_VALUE;
        double together = Double.MAX_VALUE;
        for (int run = 1; run <= repeat; run++) {
            progress("runner start to first heartbeat, alone" + runOf(run));
            alone = Math.min(alone, processes.secondsToFirstHeartbeat(four.subList(0, 1), live).getFirst());
            progress("runner start to first heartbeat, four at once" + runOf(run));
            together = Math.min(together, Collections.max(processes.secondsToFirstHeartbeat(four, live)));
        }
        figures.add(BenchFigure.of("runner.start_alone_s", "runner start to first heartbeat, alone (launcher, live synthetic market)",
                alone, Unit.SECONDS, 3.0, null));
        figures.add(BenchFigure.of("runner.start_four_s", "runner start to first heartbeat, four started at once (the last of them)",
                together, Unit.SECONDS, 6.0, String.format(Locale.ROOT, "the very first start, before any archive: %.2f s", cold)));
    }

    private void fleet(BenchDatabases databases) throws Exception {
        progress("making 100 variant databases and 5 unreachable ones");
        Path directory = Files.createTempDirectory("sigil-bench-fleet");
        try (FleetOfDatabases fleet = new FleetOfDatabases(databases, directory)) {
            double round = Double.MAX_VALUE;
            double first;
            // the monitor's alerts about the five databases the bench made unreachable are not news (--verbose shows them)
            boolean quiet = !org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).isInfoEnabled();
            List<ch.qos.logback.classic.Logger> monitorLogs = Stream.of("dev.sigil.fleet.watch", "dev.sigil.fleet.discord")
                    .map(name -> (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).toList();
            List<ch.qos.logback.classic.Level> levels = monitorLogs.stream().map(ch.qos.logback.classic.Logger::getLevel).toList();
            if (quiet) {
                monitorLogs.forEach(log -> log.setLevel(ch.qos.logback.classic.Level.OFF));
            }
            try (FleetWatch monitor = fleet.monitor()) {
                progress("monitor round over 105 variant databases (a first round, then " + repeat + ")");
                first = fleet.monitorRound(monitor);
                for (int run = 1; run <= repeat; run++) {
                    round = Math.min(round, fleet.monitorRound(monitor));
                }
            } finally {
                for (int i = 0; i < monitorLogs.size(); i++) {
                    monitorLogs.get(i).setLevel(levels.get(i));
                }
            }
            figures.add(BenchFigure.of("monitor.round_s", "a monitor round over 100 variant databases + 5 unreachable", round, Unit.SECONDS, 2.0,
                    String.format(Locale.ROOT, "the first round after start: %.2f s", first)));
            double status = Double.MAX_VALUE;
            for (int run = 1; run <= repeat; run++) {
                progress("fleet status over 105 variant databases" + runOf(run));
                status = Math.min(status, fleet.status());
            }
            figures.add(BenchFigure.of("status.s", "fleet status over 100 variants + 5 unreachable (a new JVM, start to exit)", status, Unit.SECONDS, 3.0, null));
            double migrate = Double.MAX_VALUE;
            for (int run = 1; run <= repeat; run++) {
                progress("fleet migrate of 100 empty variant databases" + runOf(run));
                migrate = Math.min(migrate, fleet.migrate());
            }
            figures.add(BenchFigure.of("migrate.s", "fleet migrate, 100 empty variant databases to the latest schema (a new JVM, start to exit)",
                    migrate, Unit.SECONDS, 5.0, null));
        } finally {
            dev.sigil.fleet.cli.Directories.deleteTree(directory);
        }
    }

    private List<String> about() {
        Runtime runtime = Runtime.getRuntime();
        return List.of(
                String.format(Locale.ROOT, "machine: %d cores, %s %s", runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch")),
                "java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "bench JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                "runner JVM options (processes): " + RUNNER_JVM_OPTIONS,
                "best of " + repeat + " runs each");
    }

    private void print(Map<String, Double> previous, String previousRun, Path file) {
        PrintWriter out = spec.commandLine().getOut();
        List<List<String>> rows = new ArrayList<>();
        for (BenchFigure figure : figures) {
            Double before = previous.get(figure.key());
            rows.add(List.of(figure.measure(), Double.isNaN(figure.value()) ? "not measurable here" : figure.unit().format(figure.value()),
                    figure.targetText(), figure.target() == null ? "" : figure.met() ? "met" : "MISSED",
                    before == null ? "-" : figure.unit().format(before), before == null ? "-" : figure.against(before)));
            if (!figure.detail().isEmpty()) {
                rows.add(List.of("  " + figure.detail(), "", "", "", "", ""));
            }
        }
        out.println(dev.sigil.fleet.cli.Tables.render(List.of("measure", "best of " + repeat, "target", "", "previous", "ratio"), rows));
        long withTarget = figures.stream().filter(figure -> figure.target() != null).count();
        long met = figures.stream().filter(figure -> figure.target() != null && figure.met()).count();
        out.printf(Locale.ROOT, "%d of %d figures with a target meet it.%n", met, withTarget);
        notes.forEach(out::println);
        about().forEach(line -> out.println(line));
        out.println(previousRun == null ? "previous: none (" + file + " did not exist)" : "previous: " + previousRun + " (" + file + "; a figure kept from an earlier run says when there)");
        if (!noSave) {
            out.println("figures saved to " + file);
        }
        out.flush();
    }
}
