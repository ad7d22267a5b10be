package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.RunnerLauncher;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.session.RunnerTime;
import dev.sigil.fleet.session.SessionSummary;
import dev.sigil.fleet.session.VariantRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bench's child process for the live cycle: a runner on the live synthetic market (not a replay) at many symbols, on
 * a time that jumps to the end of each wait between cycles, so its cycles follow each other at once on the live code
 * path — each records its candles ({@code market_candles}), writes its heartbeat, reads the breaker and the ledger's
 * truth and commits its checkpoint. Two sessions of {@code CYCLES} cycles: the first warms the JIT up, the second's
 * cycle times are printed ({@link #RESULT}) with the candles the database recorded. Started by {@link RunnerBench} with
 * the runner's production JVM options; not a command for users.
 */
public final class LiveCycleProbe {

    /** The line the parent reads. */
    static final String RESULT = "live cycles of the measured session: ";

    private LiveCycleProbe() {
    }

    /** Arguments: JDBC URL, user, overlays directory, cycles per session, then --set pairs. */
    public static void main(String[] args) throws Exception {
        DatabaseTarget target = new DatabaseTarget(args[0], args[1], Secret.none());
        int cycles = Integer.parseInt(args[3]);
        List<String> sets = List.of(args).subList(4, args.length);
        Map<String, Object> settings = Map.of("variant", "baseline", "overlays", args[2], "market", "synthetic", "synthetic-seed", 42,
                "duration-seconds", 60 * cycles, "after-session", "restart", "sets", sets);
        List<SessionSummary> summaries = new ArrayList<>();
        try (RunnerLauncher launcher = new RunnerLauncher(target, settings, RunnerTime.jumping(Instant.parse("2025-01-01T00:00:00Z")))) {
            VariantRunner runner = launcher.runner();
            runner.run(summary -> {
                summaries.add(summary);
                if (summaries.size() == 2) {
                    runner.requestStop(EndReason.SIGNAL_TERM);
                }
            });
        }
        long recorded;
        try (Connection connection = target.connect(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM market_candles")) {
            row.next();
            recorded = row.getLong(1);
        }
        System.out.println(RESULT + summaries.get(1).cycleTimes() + "; " + recorded + " candles recorded");
    }
}
