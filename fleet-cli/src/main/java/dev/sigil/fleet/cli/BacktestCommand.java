package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.db.report.VariantReport;
import dev.sigil.fleet.session.SessionSummary;
import dev.sigil.fleet.market.KlineFiles;
import dev.sigil.fleet.market.ReplayInputReport;
import dev.sigil.fleet.market.UnusableKlineFileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {
                "Replay Binance kline dump files (data.binance.vision: BTCUSDT-1h-2024-01.zip, ... with or without header, "
                        + "ms or µs times) through one variant to the end and print the summary. It is the runner itself: same "
                        + "engine, same code path, same database writes.",
                "The universe and interval come from the files unless --set overrides them. Without --db the run uses the "
                        + "embedded default, in a database made fresh for it (sigil_backtest_VARIANT, kept for your own queries). "
                        + "With --db the database is migrated and must not hold earlier sessions of the variant (an aborted one "
                        + "is resumed).",
                "While it runs, one progress line; everything the runner logs goes to the run's log file ($SIGIL_HOME/backtest/"
                        + "VARIANT.log, or --log), and only errors to the terminal (--verbose: every line, live). The summary "
                        + "counts the guard episodes by source."})
final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--variant", required = true, paramLabel = "NAME", description = "Variant whose overlay to use (grid-overlays/NAME.yaml).")
    String variant;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Directory of kline dump files.")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Run on this database instead of the embedded default.")
    String db;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override an overlay key for this run, e.g. --set exit.hard_stop_multiplier=2.0 (repeatable; validated like the overlay).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--log", paramLabel = "FILE", description = "Where the run's log goes (default: $SIGIL_HOME/backtest/VARIANT.log; replaced each run).")
    Path log;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlays;

    @Option(names = "--skip-bad-files", description = "Replay what can be read of a kline file that cannot be read to its end (truncated or "
            + "corrupt zip, empty file, zip without a CSV), report it and go on with the next file. Without it such a file stops the "
            + "backtest before it starts (exit 65), naming the file. Bad rows are always skipped and counted.")
    boolean skipBadFiles;

    @Option(names = "--resume-after-halt", description = "By default a backtest behaves as live: a HALT or a risk limit trips the circuit "
            + "breaker and no entry follows for the rest of the run (the summary says how much of the data was traded and when each HALT "
            + "happened). With this, the breaker is reset at the next session, recorded as done by 'backtest', so the run covers all of "
            + "its data while still counting its halts and trips.")
    boolean resumeAfterHalt;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        KlineFiles files = KlineFiles.scan(data);
        GridOverlays grid = new GridOverlays(overlays);
        Path overlay = grid.overlayOf(variant);
        if (!Files.isRegularFile(overlay)) {
            throw new IllegalArgumentException("no overlay for variant '" + variant + "' at " + overlay);
        }
        List<String> runSets = new ArrayList<>();
        if (sets.stream().noneMatch(set -> set.startsWith("market.symbols="))) {
            runSets.add("market.symbols=[" + String.join(", ", files.symbols()) + "]");
        }
        if (sets.stream().noneMatch(set -> set.startsWith("market.interval="))) {
            runSets.add("market.interval=" + files.interval());
        }
        runSets.addAll(sets);
        grid.resolve(overlay, runSets);
        err.printf("backtest %s over %d files (%s, %s candles) in %s%n", variant, files.fileCount(), String.join(", ", files.symbols()), files.interval(), data);
        EmbeddedDefault embedded = null;
        try {
            DatabaseTarget target;
            if (db != null) {
                target = TargetOptions.direct(db);
                new SchemaMigrator(target).migrate();
                refuseUsedDatabase(target);
            } else {
                embedded = EmbeddedDefault.start(err);
                target = embedded.freshDatabase("sigil_backtest_" + variant.replaceAll("[^a-z0-9_]", "_"));
            }
            return run(target, files, overlay, runSets, err);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int run(DatabaseTarget target, KlineFiles files, Path overlay, List<String> runSets, PrintWriter err) throws Exception {
        Map<String, Object> settings = Map.of("variant", variant, "overlays", overlays.toAbsolutePath().toString(),
                "overlay", overlay.toAbsolutePath().toString(), "sets", runSets, "market", "replay",
                "data", data.toAbsolutePath().toString(), "after-session", "exit", "skip-bad-files", skipBadFiles,
                "resume-after-halt", resumeAfterHalt);
        Instant[] span = files.span();
        long started = System.nanoTime();
        List<SessionSummary> sessions;
        long candles;
        long warmUpCandles;
        ReplayInputReport input;
        Path logFile = log != null ? log : dev.sigil.fleet.pg.SigilHome.directory().resolve("backtest").resolve(variant + ".log");
        String guardEpisodes;
        double contextSeconds;
        try (RunLog runLog = RunLog.open(logFile, FleetCommand.verbose());
             RunnerLauncher launcher = new RunnerLauncher(target, settings);
             Progress ignored = new Progress(err, 2000, () -> progressLine(launcher, span, started), Progress.onTerminal())) {
            contextSeconds = (System.nanoTime() - started) / 1e9;
            sessions = launcher.run();
            candles = launcher.candles();
            warmUpCandles = launcher.warmUpCandles();
            input = launcher.replayInput().orElseThrow();
            guardEpisodes = guardEpisodes(launcher.registry());
        } catch (UnusableKlineFileException e) {
            err.println("fleet backtest: " + e.getMessage());
            return ExitCodes.UNUSABLE_DATA;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        SessionSummary last = sessions.getLast();
        VariantReport report;
        try (Connection connection = target.connect()) {
            report = VariantReport.ofSessions(connection, variant, sessions.getFirst().sessionId(), last.sessionId());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> json = new java.util.LinkedHashMap<>(Reports.json(report));
            json.put("candles", candles);
            json.put("warm_up_candles", warmUpCandles);
            json.put("guard_episodes", guardEpisodes);
            json.put("log", logFile.toString());
            json.put("seconds", seconds);
            json.put("runner_start_seconds", contextSeconds);
            json.put("database", target.redactedUrl());
            json.put("input", Reports.json(input));
            out.println(Json.write(json));
        } else {
            out.printf(Locale.ROOT, "backtest %s: session %d ended %s, %,d candles in %.1f s (%,.0f candles/s; the runner's start %.1f s of it)%n",
                    variant, last.sessionId(), last.endReason(), candles, seconds, candles / Math.max(seconds, 1e-9), contextSeconds);
            out.printf(Locale.ROOT, "warm-up: the first %s of the data (%,d candles), no trading: the indicators' history, as a live runner's%n",
                    warmUpSpan(overlay, runSets), warmUpCandles);
            Reports.summary(out, report);
            out.println("guard episodes: " + guardEpisodes);
            Reports.input(out, input);
            if (sessions.stream().anyMatch(session -> session.endReason().halted()) && !files.interval().equals("1m")) {
                out.println("note: the guards halted this run. Their thresholds (guard.anchor_*_bps, drift, corridor) are sized for 1m candles;"
                        + " on " + files.interval() + " data raise them with --set, e.g. --set guard.anchor_entry_bps=40 --set guard.anchor_exit_bps=25");
            }
            out.println("database: " + target.redactedUrl() + (db == null ? " (kept; delete with: fleet local-db remove --yes)" : ""));
            out.println("log: " + logFile);
        }
        if (!skipBadFiles && !input.unusableFiles().isEmpty()) {
            // a file that broke after the check at the start (changed while the backtest ran): the result is incomplete
            err.println("fleet backtest: " + new UnusableKlineFileException(input.unusableFiles()).getMessage());
            return ExitCodes.UNUSABLE_DATA;
        }
        return ExitCodes.OK;
    }

    /**
     * The guard episodes of the run by source, from the runner's counters: "directional_drift 8 (recovered 7) ·
     * anchor_saturation 1 (recovered 1)", or "none".
     */
    static String guardEpisodes(io.micrometer.core.instrument.MeterRegistry registry) {
        java.util.Map<String, long[]> bySource = new java.util.TreeMap<>();
        for (var counter : io.micrometer.core.instrument.search.Search.in(registry).name("sigil.guard.events").counters()) {
            String source = counter.getId().getTag("source");
            String type = counter.getId().getTag("type");
            int slot = "degraded".equals(type) ? 0 : "recovered".equals(type) ? 1 : -1;
            if (slot >= 0 && !"engine".equals(source) && counter.count() > 0) {
                bySource.computeIfAbsent(source, key -> new long[2])[slot] += (long) counter.count();
            }
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        bySource.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(entry -> parts.add(entry.getKey() + " " + entry.getValue()[0] + " (recovered " + entry.getValue()[1] + ")"));
        return parts.isEmpty() ? "none" : String.join(" · ", parts);
    }

    /** How much of the data the replay warms up on: {@code config.warmupCandles()} base intervals, in words. */
    private String warmUpSpan(Path overlay, List<String> runSets) {
        var config = new dev.sigil.fleet.config.overlay.GridOverlays(overlays).resolve(overlay, runSets).config();
        Duration span = dev.sigil.fleet.core.candle.Intervals.parse(config.market().interval()).multipliedBy(config.warmupCandles());
        long minutes = span.toMinutes();
        return minutes % 60 == 0 && minutes >= 180 ? String.format(Locale.ROOT, "%,d hours", minutes / 60) : String.format(Locale.ROOT, "%,d minutes", minutes);
    }

    private String progressLine(RunnerLauncher launcher, Instant[] span, long started) {
        long candles = launcher.candles();
        double seconds = (System.nanoTime() - started) / 1e9;
        Instant at = launcher.marketTime();
        String where = "";
        if (at != null && span[0] != null && span[1].isAfter(span[0])) {
            double done = (double) Duration.between(span[0], at).toSeconds() / Duration.between(span[0], span[1]).toSeconds();
            where = String.format(Locale.ROOT, ", at %s (%.0f %%)", at.toString().substring(0, 10), Math.min(100, done * 100));
        }
        return String.format(Locale.ROOT, "  %s: %,d candles, %,.0f candles/s%s", variant, candles, candles / Math.max(seconds, 1e-9), where);
    }

    /** A backtest on a given database must start clean; only a session a crash left behind may be resumed. */
    private void refuseUsedDatabase(DatabaseTarget target) throws SQLException {
        try (Connection connection = target.connect();
             PreparedStatement last = connection.prepareStatement(
                     "SELECT end_reason, ended_at IS NULL FROM sessions WHERE variant_id = ? ORDER BY id DESC LIMIT 1")) {
            last.setString(1, variant);
            try (ResultSet row = last.executeQuery()) {
                if (row.next() && !row.getBoolean(2) && !EndReason.ABORTED.token().equals(row.getString(1))) {
                    throw new IllegalArgumentException("the database " + target.redactedUrl() + " already holds sessions of variant " + variant
                            + " (the last ended " + row.getString(1) + "); a backtest needs an empty database"
                            + " (or run without --db: the embedded default is made fresh each run)");
                }
            }
        }
    }
}
