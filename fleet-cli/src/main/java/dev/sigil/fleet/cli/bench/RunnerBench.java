package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.core.config.SigilConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Runner processes as systemd starts them: a 500-symbol cycle, memory, and start-up. */
final class RunnerBench {

    private final BenchContext context;
    private final int cycles;
    /** The replay's warm-up in time steps (the baseline's {@code warmupCandles()}): it consumes that many steps first. */
    private int warmUpSteps;

    RunnerBench(BenchContext context, int cycles) {
        this.context = context;
        this.cycles = cycles;
    }

    void run(BenchDatabases databases, RunnerProcesses processes, SigilConfig baseline, boolean runner, boolean start) throws Exception {
        warmUpSteps = baseline.warmupCandles();
        if (runner) {
            runner(databases, processes, baseline);
        }
        if (start) {
            start(databases, processes);
        }
    }

    private static List<String> manySymbols() {
        String symbols = IntStream.rangeClosed(1, 500).mapToObj(i -> String.format(Locale.ROOT, "S%04dUSDT", i)).collect(Collectors.joining(", "));
        return List.of("market.symbols=[" + symbols + "]", "entry.max_open_positions=50");
    }

    /**
     * After the replay's warm-up (its first {@code warmUpSteps} time steps, no trading), two sessions of {@code cycles}
     * minute candles each, every cycle with the heartbeat, breaker read, truth check and checkpoint of a live one: the
     * first warms the JIT up, the second's cycle times (logged when it ends) are the figure.
     */
    private List<String> manySymbolArguments() {
        List<String> arguments = new ArrayList<>(List.of("--variant", "baseline", "--market", "synthetic", "--synthetic-steps",
                Integer.toString(warmUpSteps + 2 * cycles), "--duration-seconds", Integer.toString(60 * cycles), "--replay-heartbeat-seconds", "0"));
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
        context.progress("runner process at 500 symbols: a first run writes its class-data archive");
        processes.run(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500");
        RunnerProcesses.Run best = null;
        long leastRss = Long.MAX_VALUE;
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("runner process at 500 symbols, " + 2 * cycles + " cycles" + context.runOf(run));
            RunnerProcesses.Run measured = processes.run(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500");
            best = best == null || measured.cycleP99Millis() < best.cycleP99Millis() ? measured : best;
            if (measured.peakRssKb() > 0) {
                leastRss = Math.min(leastRss, measured.peakRssKb());
            }
        }
        context.add(BenchFigure.of("cycle.500.p99_ms", "one live-style cycle over 500 symbols, p99 (runner process: heartbeat, breaker, "
                + "truth check, checkpoint; no network), after as many cycles of warm-up", best.cycleP99Millis(), Unit.MILLISECONDS, 5.0,
                String.format(Locale.ROOT, "median %.1f ms over %d cycles", best.cycleMedianMillis(), best.cycles())));
        context.add(BenchFigure.of("cycle.500.median_ms", "the same, median", best.cycleMedianMillis(), Unit.MILLISECONDS, null, null));
        new LiveCycleBench(context, processes.jvmOptions()).run(databases, cycles, manySymbols());
        context.add(BenchFigure.of("runner.rss_mb", "runner process peak RSS at 500 symbols × " + 2 * cycles + " cycles",
                leastRss == Long.MAX_VALUE ? Double.NaN : leastRss / 1024.0, Unit.MEGABYTES, 128.0, null));
        long live = Long.MAX_VALUE;
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("a live runner at 500 symbols: start, warm-up and first cycle" + context.runOf(run));
            live = Math.min(live, processes.livePeakRssKb(databases.fresh("sigil_bench_live"), liveManySymbolArguments(), "runner-live-500"));
        }
        context.add(BenchFigure.of("runner.live_rss_mb", "live runner peak RSS at 500 symbols through its first cycle (the warm-up's "
                + String.format(Locale.ROOT, "%,d", 500L * baseline.warmupCandles()) + " candles fed and recorded)", live / 1024.0, Unit.MEGABYTES, 128.0, null));
        RunnerProcesses.Run flushed = null;
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("runner process at 500 symbols, commits waiting for the WAL flush" + context.runOf(run));
            // the cycles above are a replay's, whose commits do not wait for the WAL flush (ReplayCommits), on a server
            // that does not wait either; a live runner's ledger commits wait on a production server: so here
            RunnerProcesses.Run measured = processes.run(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500",
                    Map.of("DATASOURCES_DEFAULT_CONNECTION_INIT_SQL", "SET synchronous_commit TO on"));
            flushed = flushed == null || measured.cycleP99Millis() < flushed.cycleP99Millis() ? measured : flushed;
        }
        context.add(BenchFigure.of("cycle.500.flushed.p99_ms", "the same cycle, p99, on a database whose commits wait for the WAL flush "
                + "(synchronous_commit = on, as a live runner's on a production server; a replay's commits, above, do not wait)",
                flushed.cycleP99Millis(), Unit.MILLISECONDS, null,
                String.format(Locale.ROOT, "median %.1f ms over %d cycles", flushed.cycleMedianMillis(), flushed.cycles())));
        context.progress("runner process at 500 symbols, native memory tracking");
        RunnerProcesses.NativeMemory memory = processes.nativeMemory(databases.fresh("sigil_bench_runner"), manySymbolArguments(), "runner-500");
        String breakdown = memory.committedKbByCategory().entrySet().stream().limit(8)
                .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue() / 1024.0)).collect(Collectors.joining(", "));
        context.notes.add(String.format(Locale.ROOT, "runner at 500 symbols, native memory tracking at exit: %.1f MB committed (%s MB); "
                + "RSS also counts the JVM's own code and the mapped jars", memory.totalCommittedKb() / 1024.0, breakdown));
    }

    private void start(BenchDatabases databases, RunnerProcesses processes) throws Exception {
        List<DatabaseTarget> four = new ArrayList<>();
        for (String variant : List.of("baseline", "moderate", "aggressive", "unhinged")) {
            four.add(databases.fresh("sigil_bench_start_" + variant));
        }
        List<String> live = List.of("--variant", "baseline", "--market", "synthetic");
        context.progress("runner start to first heartbeat, four at once, without class-data archives yet (they are written at exit)");
        double cold = Collections.max(processes.secondsToFirstHeartbeat(four, live));
        double alone = Double.MAX_VALUE;
        double together = Double.MAX_VALUE;
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("runner start to first heartbeat, alone" + context.runOf(run));
            alone = Math.min(alone, processes.secondsToFirstHeartbeat(four.subList(0, 1), live).getFirst());
            context.progress("runner start to first heartbeat, four at once" + context.runOf(run));
            together = Math.min(together, Collections.max(processes.secondsToFirstHeartbeat(four, live)));
        }
        context.add(BenchFigure.of("runner.start_alone_s", "runner start to first heartbeat, alone (launcher, live synthetic market)",
                alone, Unit.SECONDS, 3.0, null));
        context.add(BenchFigure.of("runner.start_four_s", "runner start to first heartbeat, four started at once (the last of them)",
                together, Unit.SECONDS, 6.0, String.format(Locale.ROOT, "the very first start, before any archive: %.2f s", cold)));
    }
}
