package dev.sigil.fleet.runner;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.session.RunnerHarness;
import dev.sigil.fleet.session.SessionSummary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runner as a process: crash-only restarts, clean stops, and what it serves over HTTP. */
@ExtendWith(PostgresFixture.class)
class ProcessLifecycleTest {

    @Test
    void killMinusNineMidReplayThenRestartKeepsEveryCommittedPositionAndDuplicatesNone() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(ProcessLifecycleTest.class);
        RunnerHarness.migrate(database);
        String[] replay = {"--variant", "unhinged", "--market", "synthetic", "--synthetic-steps", "6000", "--duration-seconds", "31536000"};
        List<String> before;
        try (RunnerProcess runner = RunnerProcess.start(database, concat(replay, "--replay-ticks-per-second", "600"))) {
            awaitCount(database, "SELECT count(*) FROM positions", 8, 60);
            runner.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            before = rows(database, "SELECT id || ' ' || symbol || ' ' || entry_time || ' ' || entry_price || ' ' || qty || ' '"
                    + " || coalesce(exit_time::text, '-') || ' ' || coalesce(exit_price::text, '-') FROM positions WHERE status = 'closed' ORDER BY id");
        }
        List<String> openBefore = rows(database, "SELECT id || ' ' || symbol || ' ' || entry_time FROM positions WHERE status = 'open' ORDER BY id");
        assertThat(rows(database, "SELECT count(*)::text FROM sessions WHERE ended_at IS NULL")).containsExactly("1");

        try (RunnerHarness restarted = RunnerHarness.start(database, "variant", "unhinged", "market", "synthetic", "synthetic-steps", 6000,
                "duration-seconds", 31_536_000)) {
            List<SessionSummary> sessions = restarted.runToEnd();
            assertThat(sessions).singleElement().satisfies(s -> assertThat(s.endReason()).isEqualTo(EndReason.REPLAY_EXHAUSTED));
        }

        assertThat(rows(database, "SELECT end_reason || ' ' || (ended_at >= started_at) FROM sessions ORDER BY id"))
                .containsExactly("aborted true", "replay_exhausted true");
        assertThat(rows(database, "SELECT (s.ended_at <= h.updated_at)::text FROM sessions s, scanner_heartbeat h WHERE s.id = 1"))
                .as("the aborted session ended at its last heartbeat").containsExactly("true");
        assertThat(rows(database, "SELECT kind || ': ' || title FROM notifications")).as("told once, in the new session's transaction")
                .singleElement().asString().matches("crash_restart: \\S+: session 2 started after a crash");
        List<String> closedAfter = rows(database, "SELECT id || ' ' || symbol || ' ' || entry_time || ' ' || entry_price || ' ' || qty || ' '"
                + " || coalesce(exit_time::text, '-') || ' ' || coalesce(exit_price::text, '-') FROM positions WHERE status = 'closed' ORDER BY id");
        assertThat(closedAfter).as("committed positions are intact").containsAll(before);
        List<String> everything = rows(database, "SELECT id || ' ' || symbol || ' ' || entry_time FROM positions ORDER BY id");
        assertThat(everything).containsAll(openBefore);
        assertThat(rows(database, "SELECT count(*)::text FROM (SELECT symbol, entry_time FROM positions GROUP BY 1, 2 HAVING count(*) > 1) d"))
                .as("no position was entered twice").containsExactly("0");
        assertThat(rows(database, "SELECT count(*)::text FROM positions WHERE status = 'open' GROUP BY symbol HAVING count(*) > 1")).isEmpty();
    }

    @Test
    void sigtermEndsTheSessionCleanlyAndExitsZeroWithinTenSecondsAndHttpServesHealthAndMetrics() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(ProcessLifecycleTest.class);
        RunnerHarness.migrate(database);
        try (RunnerProcess runner = RunnerProcess.start(database, "--variant", "baseline", "--market", "synthetic")) {
            awaitCount(database, "SELECT count(*) FROM scanner_heartbeat WHERE last_scan_end IS NOT NULL", 1, 60);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).as("no details for anonymous callers").isEqualTo("{\"status\":\"UP\"}");
            assertThat(metrics.body()).contains("sigil_cycle_duration_seconds_count{variant=\"baseline\"}")
                    .contains("sigil_open_positions{variant=\"baseline\"}").contains("sigil_equity_usd{variant=\"baseline\"}")
                    .contains("sigil_heartbeat_last_seconds{variant=\"baseline\"}")
                    .contains("sigil_mode{variant=\"baseline\"} 0.0")
                    .contains("sigil_guard_state{source=\"anchor_saturation\",variant=\"baseline\"}")
                    .contains("sigil_guard_degraded_episodes{source=\"wallet_truth\",variant=\"baseline\"}")
                    .contains("sigil_guard_cooldown_until_tick{source=\"directional_drift\",variant=\"baseline\"}")
                    .contains("sigil_circuit_breaker_tripped{variant=\"baseline\"} 0.0");

            long start = System.nanoTime();
            runner.process.destroy();
            boolean exited = runner.process.waitFor(15, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(exited).as(runner.output()).isTrue();
            assertThat(runner.process.exitValue()).as(runner.output()).isZero();
            assertThat(seconds).isLessThan(10);
            assertThat(rows(database, "SELECT end_reason || ' ' || (ended_at IS NOT NULL) FROM sessions")).containsExactly("signal_term true");
            assertThat(runner.output()).contains("SIGTERM received").contains("session 1 ended (signal_term)");
        }
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static void awaitCount(TestDatabase database, String sql, long atLeast, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<String> value = rows(database, sql);
            if (!value.isEmpty() && Long.parseLong(value.getFirst()) >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + sql + " >= " + atLeast);
    }

    static List<String> rows(TestDatabase database, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
