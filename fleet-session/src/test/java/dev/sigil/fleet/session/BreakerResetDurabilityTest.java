package dev.sigil.fleet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person's breaker reset is durable: one made while the runner is down is acted on at the next start (the risk
 * limits re-based and the re-basing persisted), and a restart later the same UTC day does not trip the breaker again
 * for the loss the reset forgave.
 */
@ExtendWith(PostgresFixture.class)
class BreakerResetDurabilityTest {

    private static final List<String> TIGHT = List.of("risk.max_daily_loss_usd=0.5", "risk.max_drawdown_pct=50");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static RunnerHarness synthetic(TestDatabase database, long steps) {
        return RunnerHarness.start(database, "variant", "unhinged", "market", "synthetic", "synthetic-steps", steps,
                "duration-seconds", 31_536_000, "sets", TIGHT);
    }

    @Test
    void aResetMadeWhileTheRunnerWasDownIsActedOnAtStartAndTheForgivenLossDoesNotTripItAgain(TestDatabase database) throws Exception {
        // where the seeded market has lost more than $0.50 in a day, with the day not yet over: the first run stops just
        // after that exit (the breaker tripped by then, at that exit or an earlier day's)
        TestDatabase probe = TestPostgres.freshDatabase(BreakerResetDurabilityTest.class);
        RunnerHarness.migrate(probe);
        Instant breach;
        try (RunnerHarness harness = synthetic(probe, 5_000)) {
            harness.runToEnd();
            breach = Instant.parse(harness.text("""
                    SELECT to_char(exit_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM (
                      SELECT exit_time, sum(realized_pnl) OVER (PARTITION BY (exit_time AT TIME ZONE 'UTC')::date ORDER BY exit_time, id) AS day
                        FROM positions WHERE status = 'closed') d
                     WHERE day < -0.5 AND (exit_time AT TIME ZONE 'UTC')::time < '23:15' ORDER BY exit_time LIMIT 1"""));
        }
        long untilBreach = Duration.between(START, breach).toMinutes();
        assertThat(breach.plus(Duration.ofMinutes(40)).toString().substring(0, 10)).as("the scenario needs the rest of that day")
                .isEqualTo(breach.toString().substring(0, 10));

        RunnerHarness.migrate(database);
        try (RunnerHarness first = synthetic(database, untilBreach)) {
            first.runToEnd();
            assertThat(first.text("SELECT state || ' ' || reason || ' ' || tripped_by FROM circuit_breaker"))
                    .as("a day's loss beyond $0.50 tripped it").isEqualTo("tripped max_daily_loss risk_manager");
        }
        long resetEvent;
        try (Connection connection = database.connect()) {
            assertThat(BreakerStore.reset(connection, "unhinged", "checked the logs", "alice@ops")).isTrue();
            resetEvent = BreakerStore.view(connection, "unhinged").latestReset();
        }

        try (RunnerHarness second = synthetic(database, untilBreach)) {
            second.runToEnd();
            assertThat(second.text("SELECT value FROM engine_state WHERE key = 'risk.acknowledged_reset_event'"))
                    .as("acted on at start, though no candle was left to trade").isEqualTo(Long.toString(resetEvent));
            assertThat(second.text("SELECT value FROM engine_state WHERE key = 'risk.day_baseline'"))
                    .as("the day's realized loss, forgiven, with its day").startsWith(breach.toString().substring(0, 10) + " -");
        }
        try (RunnerHarness third = synthetic(database, untilBreach + 30)) {
            third.runToEnd();
            assertThat(third.count("SELECT count(*) FROM sessions")).as("three runs, each resumed where the last stopped; the first one's "
                    + "limit ended its session, and the next one observed with the breaker tripped").isEqualTo(4);
            assertThat(third.text("SELECT string_agg(end_reason, ', ' ORDER BY id) FROM sessions"))
                    .startsWith("halt:max_daily_loss, replay_exhausted, replay_exhausted");
            assertThat(third.count("SELECT count(*) FROM circuit_breaker_events WHERE event = 'trip' AND id > " + resetEvent))
                    .as("thirty more minutes of the same day: the forgiven loss does not trip it again").isZero();
            assertThat(third.text("SELECT state FROM circuit_breaker")).isEqualTo("closed");
        }
    }
}
