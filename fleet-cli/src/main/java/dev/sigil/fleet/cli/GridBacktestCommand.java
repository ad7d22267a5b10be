package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.concurrent.Threads;
import dev.sigil.fleet.cli.grid.Fingerprint;
import dev.sigil.fleet.cli.grid.GridChild;
import dev.sigil.fleet.cli.grid.GridDatabases;
import dev.sigil.fleet.cli.grid.GridPlan;
import dev.sigil.fleet.cli.grid.GridRun;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.session.VariantRunner;
import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.pg.SigilHome;
import dev.sigil.fleet.market.KlineFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {
                "Backtest the grid: every variant (or each value of one key swept on one variant) over the same kline dump files, "
                        + "each as its own runner process replaying into its own fresh database, --jobs at a time; then the "
                        + "comparison of 'fleet compare' over the runs, with its verdict.",
                "A run's database is named for it (sigil_grid_NAME) on the embedded default, or on the server of --db-server; it "
                        + "is kept for your own queries. A re-run skips the runs whose data, effective config, code and options are "
                        + "unchanged and compares their kept results (--force runs them again). Each run's log: "
                        + "$SIGIL_HOME/grid/NAME.log (or --logs DIR).",
                "Exit 0 when every run finished; 1 when one failed (the others are still compared; its log's last lines are "
                        + "shown); 65 for an invalid overlay, --set or --sweep value (nothing runs)."},
        footer = {"", "Examples:",
                "  fleet grid backtest --data ~/klines/2025-01",
                "  fleet grid backtest --data ~/klines/2025-01 --variant baseline --sweep exit.hard_stop_multiplier=1.5,2.0,2.5",
                "      (one replay at 1.5 whose shadow exits follow every entry at 2.0 and 2.5)",
                "  fleet grid backtest --data ~/klines/2025-01 --variant baseline --variant unhinged --jobs 2 --json",
                "  fleet grid backtest --data ~/klines/2025-01 --report reports/2025-01.html"})
final class GridBacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Directory of kline dump files (data.binance.vision names).")
    Path data;

    @Option(names = "--variant", paramLabel = "NAME", description = "Run this variant (repeatable; default: every overlay in --overlays but base.yaml).")
    List<String> variants = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2,...", description = "Vary KEY on the one --variant; the arms are made of KEY. An exit "
            + "key (e.g. --sweep exit.hard_stop_multiplier=1.5,2.0,2.5) is one replay, NAME-sweep, at the first value with shadow exits "
            + "at the others: every value on identical entries, for the time of one run. Any other key: one replay per value (NAME-1_5, ...).")
    String sweep;

    @Option(names = "--replay-per-value", description = "With an exit key's --sweep: one replay per value, as for other keys, instead of shadow exits.")
    boolean replayPerValue;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override an overlay key in every run (repeatable; validated like the overlay).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Runs at a time (default: the machine's cores).")
    Integer jobs;

    @Option(names = "--db-server", paramLabel = "JDBC_URL", description = "Make the runs' databases on this PostgreSQL server instead of the embedded "
            + "default: its maintenance database, e.g. jdbc:postgresql://db:5432/postgres (user and password from SIGIL_DB_USER / "
            + "SIGIL_DB_PASSWORD unless in the URL); the user needs CREATEDB.")
    String dbServer;

    @Option(names = "--by", paramLabel = "KEY", description = "The config key whose values make the arms (default: the swept key, else exit.hard_stop_multiplier).")
    String by;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the comparison as one self-contained HTML file (as 'fleet report' does).")
    Path report;

    @Option(names = "--force", description = "Run every run again, even those whose data, config and code are unchanged.")
    boolean force;

    @Option(names = "--logs", paramLabel = "DIR", description = "Where each run's log goes, as NAME.log (default: $SIGIL_HOME/grid).")
    Path logs;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlays;

    @Option(names = "--skip-bad-files", description = "Passed to each run: replay what can be read of a kline file that cannot be read to its end.")
    boolean skipBadFiles;

    @Option(names = "--resume-after-halt", description = "Passed to each run: after a HALT, reset the breaker at the next session so the run covers all its data.")
    boolean resumeAfterHalt;

    @Mixin
    OutputOptions output;

    /** How one run ended: finished now, skipped as unchanged, or failed. */
    private record Outcome(GridRun run, String state, int exitCode, double seconds, Path log) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GridPlan.Sweep swept = sweep == null ? null : GridPlan.Sweep.parse(sweep);
        String key = ComparisonOptions.checkKey("--by", by != null ? by : swept != null ? swept.key() : ComparisonOptions.DEFAULT_KEY);
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs " + jobs + " is not a number of runs ≥ 1");
        }
        if (report != null) {
            HtmlReport.checkTarget("--report", report).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        KlineFiles files = KlineFiles.scan(data);
        List<String> dataSets = List.of("market.symbols=[" + String.join(", ", files.symbols()) + "]", "market.interval=" + files.interval());
        String dataAndCode = "data " + Fingerprint.ofFiles(files.of(files.symbols()))
                + " code " + Fingerprint.ofCode(ScanEngine.class, VariantRunner.class, GridChild.class)
                + " skip-bad-files " + skipBadFiles + " resume-after-halt " + resumeAfterHalt;
        List<GridRun> runs = GridPlan.plan(new GridOverlays(overlays), variants, swept, replayPerValue, dataSets, sets, dataAndCode);
        int parallel = Math.min(runs.size(), jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
        err.printf("grid backtest: %d runs (%s) over %d files (%s, %s candles) in %s, %d at a time%n", runs.size(),
                String.join(", ", runs.stream().map(GridRun::name).toList()), files.fileCount(), String.join(", ", files.symbols()),
                files.interval(), data, parallel);
        err.flush();
        EmbeddedDefault embedded = null;
        try {
            GridDatabases databases;
            if (dbServer != null) {
                databases = new GridDatabases(TargetOptions.direct(dbServer));
            } else {
                embedded = EmbeddedDefault.start(err);
                databases = new GridDatabases(embedded.maintenance());
            }
            List<Outcome> outcomes = execute(runs, databases, parallel, files, err);
            return report(outcomes, databases, key);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private List<Outcome> execute(List<GridRun> runs, GridDatabases databases, int parallel, KlineFiles files, PrintWriter err) throws Exception {
        Map<String, GridChild> active = new ConcurrentHashMap<>();
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        Instant[] span = files.span();
        Thread stopChildren = Threads.unstarted("grid-stop-children", () -> active.values().forEach(GridChild::stop), false);
        Runtime.getRuntime().addShutdownHook(stopChildren);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().name("grid-run-", 1).daemon().factory());
        try (Progress ignored = new Progress(err, 5000, () -> progressLines(active, startedAt, span))) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (GridRun run : runs) {
                futures.add(pool.submit(() -> executeOne(run, databases, active, startedAt, err)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException e) {
                // already shutting down: the hook stops the children
            }
        }
    }

    private Outcome executeOne(GridRun run, GridDatabases databases, Map<String, GridChild> active, Map<String, Long> startedAt,
                               PrintWriter err) throws Exception {
        Path log = (logs != null ? logs : SigilHome.directory().resolve("grid")).resolve(run.name() + ".log");
        if (!force && databases.finishedFingerprint(run.database()).filter(run.fingerprint()::equals).isPresent()) {
            line(err, String.format("%s: unchanged since its last run (data, config, code and options), kept result used; --force runs it again", run.name()));
            return new Outcome(run, "skipped", 0, 0, log);
        }
        long started = System.nanoTime();
        GridChild child = new GridChild(run, databases.fresh(run.database()), log);
        startedAt.put(run.name(), started);
        active.put(run.name(), child);
        int exit;
        try {
            child.start(overlays, data, skipBadFiles, resumeAfterHalt);
            List<String> own = run.sets().stream().filter(set -> !set.startsWith("market.")).toList();
            line(err, run.name() + ": started" + (own.isEmpty() ? "" : " with " + String.join(" ", own)));
            exit = child.awaitExit();
        } finally {
            active.remove(run.name());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit == 0) {
            databases.markFinished(run.database(), run.fingerprint());
            line(err, String.format(Locale.ROOT, "%s: finished in %.1f s", run.name(), seconds));
            return new Outcome(run, "finished", 0, seconds, log);
        }
        StringBuilder failure = new StringBuilder(String.format(Locale.ROOT, "%s: FAILED with exit %d after %.1f s; log %s, its last lines:", run.name(), exit, seconds, log));
        child.logTail(8).forEach(text -> failure.append(System.lineSeparator()).append("    ").append(text));
        line(err, failure.toString());
        return new Outcome(run, "failed", exit, seconds, log);
    }

    private static synchronized void line(PrintWriter err, String text) {
        err.println(text);
        err.flush();
    }

    private static String progressLines(Map<String, GridChild> active, Map<String, Long> startedAt, Instant[] span) {
        List<String> lines = new ArrayList<>();
        for (GridChild child : active.values()) {
            String name = child.run().name();
            double seconds = (System.nanoTime() - startedAt.getOrDefault(name, System.nanoTime())) / 1e9;
            String where = child.marketTime().map(at -> {
                if (span[0] == null || !span[1].isAfter(span[0])) {
                    return "at " + at.toString().substring(0, 10);
                }
                double done = (double) Duration.between(span[0], at).toSeconds() / Duration.between(span[0], span[1]).toSeconds();
                return String.format(Locale.ROOT, "at %s (%.0f %%)", at.toString().substring(0, 10), Math.max(0, Math.min(100, done * 100)));
            }).orElse("starting");
            lines.add(String.format(Locale.ROOT, "  %s: %s, %.0f s", name, where, seconds));
        }
        return lines.isEmpty() ? "  (waiting for the next run)" : String.join(System.lineSeparator(), lines.stream().sorted().toList());
    }

    private int report(List<Outcome> outcomes, GridDatabases databases, String key) throws java.io.IOException {
        List<VariantTarget> targets = outcomes.stream().filter(outcome -> !outcome.state().equals("failed"))
                .map(outcome -> new VariantTarget(outcome.run().name(), outcome.run().overlay(), databases.target(outcome.run().database())))
                .toList();
        Comparison comparison = Comparison.of(targets, Instant.EPOCH, null, key);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("runs", outcomes.stream().map(outcome -> {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("name", outcome.run().name());
                run.put("state", outcome.state());
                run.put("exit_code", outcome.exitCode());
                run.put("seconds", outcome.seconds());
                run.put("sets", outcome.run().sets());
                run.put("database", databases.target(outcome.run().database()).redactedUrl());
                run.put("log", outcome.log().toString());
                run.put("fingerprint", outcome.run().fingerprint());
                return run;
            }).toList());
            json.putAll(comparison.json());
            out.println(Json.write(json));
        } else {
            comparison.print(out);
            out.println("databases: " + String.join(", ", outcomes.stream().map(outcome -> outcome.run().database()).toList())
                    + (dbServer == null ? " on the embedded default (kept; delete with: fleet local-db remove --yes)" : " on " + TargetOptions.direct(dbServer).redactedUrl()));
        }
        if (report != null) {
            long bytes = HtmlReport.write(comparison, report);
            spec.commandLine().getErr().printf(Locale.ROOT, "report: %s (%d KB)%n", report, (bytes + 512) / 1024);
        }
        comparison.unreachable().forEach(line -> spec.commandLine().getErr().println("unreachable: " + line));
        boolean failed = outcomes.stream().anyMatch(outcome -> outcome.state().equals("failed"));
        return failed || !comparison.unreachable().isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
