package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.reconcile.CandleGap;
import dev.sigil.fleet.core.reconcile.Difference;
import dev.sigil.fleet.core.reconcile.Reconciler;
import dev.sigil.fleet.core.reconcile.ReplayPlan;
import dev.sigil.fleet.core.reconcile.Trade;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.overlay.ConfigJson;
import dev.sigil.fleet.config.overlay.GridOverlays;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {
                "Does paper trading match the backtest? Replays the closed candles a live runner recorded (market_candles: every candle "
                        + "it handed its engine, warm-up included) through the backtester — the runner itself on the candle clock — with each "
                        + "session's recorded config, and lists where the trades differ, trade by trade: missed (live had it, the replay "
                        + "not), extra (the replay only), different fill (entry price or quantity) or different exit (time, reason, price).",
                "Each difference carries its likely reason where one is found: a data gap (a hole in the recorded candles of its symbol "
                        + "within the indicators' memory before the trade), a restart (another process took over: the engine was rebuilt "
                        + "and warmed up again) or a config change between sessions. Zero differences is the expected answer for a runner "
                        + "that did not crash.",
                "The live sessions are those of VARIANT started on or after --since, read from the fleet file's database for it (or "
                        + "--db). The replay runs in a fresh database on the embedded default (sigil_reconcile_VARIANT, kept for your own "
                        + "queries) or on --replay-db. Sessions from before schema V7 have no recorded candles and cannot be reconciled.",
                "Exit 0: no difference; 3: differences found (listed); 1: nothing to reconcile (no live sessions since DATE, no "
                        + "recorded candles); 2: the variant's database is unreachable."})
final class ReconcileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VARIANT", description = "The variant whose live run to reconcile.")
    String variant;

    @Option(names = "--since", required = true, paramLabel = "DATE", description = "Reconcile the live sessions started on or after this UTC date (YYYY-MM-DD).")
    LocalDate since;

    @Mixin
    TargetOptions where;

    @Option(names = "--replay-db", paramLabel = "JDBC_URL", description = "Replay on this database (migrated here; it must hold no "
            + "session of the variant) instead of a fresh one on the embedded default.")
    String replayDb;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        DatabaseTarget live = where.target(variant).database();
        Instant from = since.atStartOfDay(ZoneOffset.UTC).toInstant();
        Path work = Files.createTempDirectory("sigil-reconcile-");
        try (Connection connection = live.connect()) {
            List<LiveRecord.Session> sessions = LiveRecord.sessions(connection, variant, from);
            if (sessions.isEmpty()) {
                List<String> variants = LiveRecord.variants(connection);
                err.println("fleet reconcile: no live session of variant '" + variant + "' started since " + since + " in " + live.redactedUrl()
                        + (variants.contains(variant) ? "" : " (variants there: " + (variants.isEmpty() ? "none" : String.join(", ", variants)) + ")"));
                return ExitCodes.FAILED;
            }
            if (!LiveRecord.recordsCandles(connection)) {
                err.println("fleet reconcile: " + live.redactedUrl() + " has no candle record (schema before V7): run fleet migrate --variant "
                        + variant + "; sessions run before it cannot be reconciled");
                return ExitCodes.FAILED;
            }
            return reconcile(connection, live, sessions, work, err);
        } catch (SQLException e) {
            if (DatabaseTarget.unreachable(e)) {
                err.println("fleet reconcile: the database of variant " + variant + " is unreachable: " + Errors.brief(e));
                return ExitCodes.UNREACHABLE;
            }
            throw e;
        } finally {
            Directories.deleteTree(work);
        }
    }

    private int reconcile(Connection connection, DatabaseTarget live, List<LiveRecord.Session> sessions, Path work, PrintWriter err) throws Exception {
        Map<Long, LiveRecord.Session> byId = new LinkedHashMap<>();
        sessions.forEach(session -> byId.put(session.session().id(), session));
        ReplayPlan plan = ReplayPlan.of(sessions.stream().map(LiveRecord.Session::session).toList());
        if (plan.segments().isEmpty()) {
            err.println("fleet reconcile: the " + sessions.size() + " live session(s) of " + variant + " since " + since + " saw no candle");
            return ExitCodes.FAILED;
        }
        List<Replay> replays = new ArrayList<>();
        List<CandleGap> gaps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Duration memory = Duration.ZERO;
        long candles = 0;
        for (int i = 0; i < plan.segments().size(); i++) {
            ReplayPlan.Segment segment = plan.segments().get(i);
            LiveRecord.Session configured = byId.get(segment.configSessionId());
            Path overlays = Files.createDirectories(work.resolve("segment-" + (i + 1)).resolve("overlays"));
            Files.writeString(overlays.resolve(GridOverlays.BASE), configured.configJson());
            EffectiveConfig effective = new GridOverlays(overlays).resolve(overlays.resolve(GridOverlays.BASE), List.of());
            if (!ConfigJson.hash(ConfigJson.json(effective)).equals(segment.configHash())) {
                notes.add("the config of session " + segment.configSessionId() + " reads back differently (another code version?): replayed as read");
            }
            SigilConfig config = effective.config();
            Duration interval = Intervals.parse(config.market().interval());
            Duration warmUp = interval.multipliedBy(config.warmupCandles());
            memory = warmUp.compareTo(memory) > 0 ? warmUp : memory;
            Instant dataFrom = segment.warmUpFrom().minus(warmUp);
            Path data = work.resolve("segment-" + (i + 1)).resolve("data");
            long exported = LiveRecord.export(connection, config.market().symbols(), config.market().interval(), interval, dataFrom, segment.end(), data);
            long traded = LiveRecord.candleCount(connection, config.market().symbols(), segment.start(), segment.end());
            if (traded == 0) {
                err.println("fleet reconcile: no recorded candles for session(s) " + segment.sessionIds() + " of " + variant
                        + " (run before schema V7, or by a runner that does not record them): nothing to replay");
                return ExitCodes.FAILED;
            }
            candles += traded;
            gaps.addAll(LiveRecord.gaps(connection, config.market().symbols(), interval, dataFrom, segment.end()));
            replays.add(new Replay(segment, overlays.resolve(GridOverlays.BASE), data, exported, byId.get(segment.sessionIds().getFirst()).durationLimitSeconds()));
        }
        List<Long> sessionIds = plan.segments().stream().flatMap(segment -> segment.sessionIds().stream()).toList();
        List<Trade> liveTrades = LiveRecord.trades(connection, variant, sessionIds);
        int carried = LiveRecord.openAt(connection, variant, plan.segments().getFirst().start());
        if (carried > 0) {
            notes.add(carried + " live position(s) opened before the first reconciled session were still open at its start; the replay "
                    + "starts without them (their symbols, cash and exposure may then differ): reconcile from an earlier --since");
        }
        err.printf("reconcile %s: %d live session(s) since %s in %d replay(s), %,d candles recorded%n", variant, sessionIds.size(), since,
                replays.size(), candles);
        EmbeddedDefault embedded = null;
        try {
            DatabaseTarget target;
            if (replayDb != null) {
                target = TargetOptions.direct(replayDb);
                new SchemaMigrator(target).migrate();
                refuseUsed(target);
            } else {
                embedded = EmbeddedDefault.start(err);
                target = embedded.freshDatabase("sigil_reconcile_" + variant.replaceAll("[^a-z0-9_]", "_"));
            }
            for (Replay replay : replays) {
                replay(target, replay, err);
            }
            List<Trade> replayTrades;
            try (Connection replayed = target.connect()) {
                replayTrades = LiveRecord.trades(replayed, variant, null);
            }
            Instant end = plan.segments().getLast().end();
            List<Difference> differences = new Reconciler(memory).differences(liveTrades, replayTrades, gaps, plan.boundaries(),
                    end == null ? Instant.now() : end);
            ReconcileReport report = new ReconcileReport(variant, since, sessionIds, replays.size(), candles, liveTrades.size(), replayTrades.size(),
                    gaps, plan.boundaries(), differences, notes, target.redactedUrl());
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println(Json.write(report.json()));
            } else {
                report.print(out);
            }
            return differences.isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** One segment's replay: its overlay (the recorded config), its exported candles, its live session length. */
    private record Replay(ReplayPlan.Segment segment, Path config, Path data, long candles, int durationSeconds) {
    }

    /**
     * Runs the backtester on one segment's candles. The replay's resume point is set to the segment's first candle, so the
     * candles before it only warm the engine up — as the live process's start-up warm-up did — and it trades from there.
     */
    private void replay(DatabaseTarget target, Replay replay, PrintWriter err) throws Exception {
        try (Connection connection = target.connect();
             PreparedStatement resume = connection.prepareStatement("""
                     INSERT INTO scan_progress (variant_id, market_data, resume_after, session_id, updated_at) VALUES (?, 'replay', ?, NULL, now())
                     ON CONFLICT (variant_id) DO UPDATE SET market_data = 'replay', resume_after = EXCLUDED.resume_after, updated_at = now()""")) {
            resume.setString(1, variant);
            resume.setTimestamp(2, Timestamp.from(replay.segment().start()));
            resume.executeUpdate();
        }
        Map<String, Object> settings = Map.of("variant", variant, "overlays", replay.config().getParent().toString(),
                "overlay", replay.config().toString(), "market", "replay", "data", replay.data().toString(), "after-session", "exit",
                "duration-seconds", Math.max(1, replay.durationSeconds()));
        err.printf("  replaying session(s) %s: %,d candles from %s%n", replay.segment().sessionIds(), replay.candles(), replay.segment().start());
        try (RunnerLauncher launcher = new RunnerLauncher(target, settings)) {
            launcher.run();
        }
    }

    private void refuseUsed(DatabaseTarget target) throws SQLException {
        try (Connection connection = target.connect(); PreparedStatement query = connection.prepareStatement("SELECT 1 FROM sessions WHERE variant_id = ?")) {
            query.setString(1, variant);
            if (query.executeQuery().next()) {
                throw new IllegalArgumentException("the replay database " + target.redactedUrl() + " already holds sessions of variant " + variant
                        + "; give an empty one (or none: the embedded default is made fresh each run)");
            }
        }
    }
}
