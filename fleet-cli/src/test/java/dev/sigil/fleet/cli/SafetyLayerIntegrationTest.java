package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.session.SessionSummary;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The safety layer end to end on real PostgreSQL: the runner replays, the CLI resets, the database shows it all. */
@ExtendWith(PostgresFixture.class)
class SafetyLayerIntegrationTest {

    private static DatabaseTarget migrated() {
        TestDatabase database = TestPostgres.freshDatabase(SafetyLayerIntegrationTest.class);
        DatabaseTarget target = new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none());
        new SchemaMigrator(target).migrate();
        return target;
    }

    private static RunnerLauncher launcher(DatabaseTarget target, Path data, List<String> sets, double ticksPerSecond) {
        return new RunnerLauncher(target, Map.of("variant", "baseline", "overlays", RepoFiles.gridOverlays().toString(),
                "market", "replay", "data", data.toString(), "sets", sets, "duration-seconds", 31_536_000,
                "replay-ticks-per-second", ticksPerSecond, "replay-heartbeat-seconds", 0));
    }

    @Test
    void replayDrivesTheVariantIntoDegradedAndBack(@TempDir Path data) throws Exception {
        GuardScenarioData.write(data, 300, i -> i >= 100 && i < 120);
        DatabaseTarget target = migrated();

        List<SessionSummary> sessions;
        try (RunnerLauncher launcher = launcher(target, data, GuardScenarioData.sets(), 0)) {
            sessions = launcher.run();
        }

        assertThat(sessions).singleElement().satisfies(session -> assertThat(session.endReason()).isEqualTo(EndReason.REPLAY_EXHAUSTED));
        assertThat(rows(target, "SELECT key || '=' || value FROM engine_state WHERE key IN ('mode', 'halt.reason', 'degraded.entry_count',"
                + " 'degraded.guard_entry_count', 'degraded.recovery_count', 'guard.anchor_saturation.degraded_episode_count') ORDER BY key"))
                .containsExactly("degraded.entry_count=1", "degraded.guard_entry_count=1", "degraded.recovery_count=1",
                        "guard.anchor_saturation.degraded_episode_count=1", "halt.reason=", "mode=ACTIVE");
        List<String> degradedSkips = rows(target, "SELECT extract(epoch FROM candle_time - '2024-05-01'::timestamptz)::int / 60 || ''"
                + " FROM signals WHERE reject_reason = 'mode_degraded' ORDER BY candle_time");
        assertThat(degradedSkips).isNotEmpty().allSatisfy(minute -> assertThat(Integer.parseInt(minute)).isBetween(100, 140));
        assertThat(count(target, "SELECT count(*) FROM positions WHERE entry_time < '2024-05-01T01:40:00Z'")).as("entries before").isPositive();
        assertThat(count(target, "SELECT count(*) FROM positions WHERE entry_time > '2024-05-01T02:30:00Z'")).as("entries after recovery").isPositive();
    }

    @Test
    void haltTripsTheBreakerEntriesStopUntilAPersonResetsItThenResume(@TempDir Path data) throws Exception {
        // four hot stretches: the fourth anchor_saturation episode of the session is one too many
        GuardScenarioData.write(data, 900, i -> (i >= 40 && i < 52) || (i >= 80 && i < 92) || (i >= 120 && i < 132) || (i >= 160 && i < 172));
        DatabaseTarget target = migrated();
        String url = target.url() + "?user=" + target.user();

        try (RunnerLauncher launcher = launcher(target, data, GuardScenarioData.sets(), 150)) {
            CompletableFuture<List<SessionSummary>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return launcher.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await(target, "SELECT count(*) FROM signals WHERE reject_reason = 'breaker_tripped'", 2);
            CliRun status = CliRun.of("breaker", "status", "--db", url, "--variant", "baseline");
            assertThat(status.out()).containsPattern("baseline +tripped +degraded_episode_cap .* runner");

            CliRun reset = CliRun.of("breaker", "reset", "baseline", "--db", url, "--reason", "guards looked at, market calm again");
            assertThat(reset.exitCode()).as(reset.toString()).isZero();
            assertThat(reset.out()).contains("baseline: circuit breaker reset by").contains("was tripped: degraded_episode_cap by runner");

            List<SessionSummary> sessions = run.get(60, TimeUnit.SECONDS);
            assertThat(sessions).extracting(SessionSummary::endReason).containsExactly(EndReason.halt("degraded_episode_cap"), EndReason.REPLAY_EXHAUSTED);
        }

        assertThat(rows(target, "SELECT end_reason FROM sessions ORDER BY id")).containsExactly("halt:degraded_episode_cap", "replay_exhausted");
        assertThat(rows(target, "SELECT event || ' ' || reason || ' ' || split_part(actor, '@', 1) FROM circuit_breaker_events ORDER BY id"))
                .containsExactly("trip degraded_episode_cap runner", "reset guards looked at, market calm again " + System.getProperty("user.name"));
        assertThat(rows(target, "SELECT kind || ': ' || title || ' — ' || detail FROM notifications ORDER BY id")).as("told through the monitor's outbox")
                .satisfiesExactly(
                        halt -> assertThat(halt).matches("halt: baseline: HALT \\(degraded_episode_cap\\) — the guards halted the runner "
                                + "\\(anchor_saturation episodes=\\d+\\): its session ended .*"),
                        reset -> assertThat(reset).startsWith("breaker_reset: baseline: circuit breaker reset by ").contains("guards looked at, market calm again"));
        long resetAt = count(target, "SELECT extract(epoch FROM at)::bigint FROM circuit_breaker_events WHERE event = 'reset'");
        assertThat(count(target, "SELECT count(*) FROM positions WHERE session_id = 2")).as("entries resumed after the reset").isPositive();
        assertThat(count(target, "SELECT count(*) FROM signals WHERE session_id = 2 AND reject_reason = 'breaker_tripped'")).isPositive();
        assertThat(count(target, "SELECT count(*) FROM positions WHERE session_id = 2 AND entry_time IN"
                + " (SELECT candle_time + interval '1 minute' FROM signals WHERE session_id = 2 AND reject_reason = 'breaker_tripped')"))
                .as("no entry on a candle whose signal the breaker refused").isZero();
        assertThat(rows(target, "SELECT key || '=' || value FROM engine_state WHERE key IN ('mode', 'halt.reason', 'degraded.recovery_count',"
                + " 'guard.anchor_saturation.degraded_episode_count') ORDER BY key"))
                .as("the second session's counters started from zero: the rest of the fourth hot stretch is its first episode, then it recovered")
                .containsExactly("degraded.recovery_count=1", "guard.anchor_saturation.degraded_episode_count=1", "halt.reason=", "mode=ACTIVE");
        assertThat(resetAt).isPositive();
    }

    @Test
    void drawdownBeyondTheLimitEndsTheSessionAndTripsTheBreakerThroughTheRiskManagerAndEntriesStop(@TempDir Path data) throws Exception {
        GuardScenarioData.write(data, 400, i -> false);
        DatabaseTarget target = migrated();

        try (RunnerLauncher launcher = launcher(target, data, GuardScenarioData.sets("risk.max_drawdown_pct=0.1"), 0)) {
            launcher.run();
        }

        assertThat(rows(target, "SELECT event || ' ' || reason || ' ' || actor FROM circuit_breaker_events")).containsExactly("trip max_drawdown risk_manager");
        long trippedAfter = count(target, "SELECT count(*) FROM signals WHERE reject_reason IN ('max_drawdown', 'breaker_tripped')");
        assertThat(trippedAfter).as("signals after the trip are refused").isPositive();
        assertThat(rows(target, "SELECT end_reason FROM sessions ORDER BY id")).as("a hard safety limit ends the session; the next one observes")
                .containsExactly("halt:max_drawdown", "replay_exhausted");
        assertThat(rows(target, "SELECT kind || ': ' || title FROM notifications ORDER BY id")).as("told, once")
                .containsExactly("risk_trip: baseline: risk limit reached (max_drawdown)");
    }

    private static void await(DatabaseTarget target, String sql, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(target, sql) < atLeast) {
            assertThat(System.nanoTime()).as("timed out waiting for " + sql).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long count(DatabaseTarget target, String sql) throws Exception {
        try (Connection connection = target.connect(); ResultSet row = connection.createStatement().executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static List<String> rows(DatabaseTarget target, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = target.connect(); ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
