package dev.sigil.fleet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresFixture.class)
class SyntheticReplayTest {

    @Test
    void replayRunsToTheEndAndEveryDecisionIsInTheDatabase(TestDatabase database) throws Exception {
        RunnerHarness.migrate(database);
        try (RunnerHarness harness = RunnerHarness.start(database, "variant", "unhinged", "market", "synthetic",
                "synthetic-steps", 960 + 20_000, "after-session", "exit")) {
            List<SessionSummary> sessions = harness.runToEnd();

            assertThat(sessions).as("20,000 minutes after the 16-hour warm-up, in 2-hour sessions on the candles' clock").hasSize(167);
            assertThat(sessions.getLast().endReason()).isEqualTo(EndReason.REPLAY_EXHAUSTED);
            assertThat(sessions.subList(0, 166)).allSatisfy(session -> assertThat(session.endReason()).isEqualTo(EndReason.DURATION_ELAPSED));
            assertThat(harness.count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL AND end_reason = 'replay_exhausted'")).isEqualTo(1);
            assertThat(harness.count("SELECT count(*) FROM sessions WHERE end_reason = 'duration_elapsed' AND market_end - market_start = interval '2 hours'"))
                    .as("each full session spans two hours of market time").isEqualTo(166);
            assertThat(harness.text("SELECT string_agg(DISTINCT config_json->'exit'->>'hard_stop_multiplier', ',') FROM sessions")).isEqualTo("2.5");
            assertThat(harness.text("SELECT string_agg(DISTINCT length(config_hash)::text, ',') FROM sessions")).isEqualTo("64");
            long positions = harness.count("SELECT count(*) FROM positions");
            assertThat(positions).as("the synthetic market gives the strategy something to trade").isGreaterThan(5);
            assertThat(harness.count("SELECT count(*) FROM positions WHERE status = 'closed' AND exit_reason IS NULL")).isZero();
            assertThat(harness.count("SELECT count(*) FROM signals WHERE accepted")).isEqualTo(positions);
            assertThat(harness.count("SELECT count(*) FROM symbol_protections")).isPositive();
            assertThat(harness.count("SELECT count(*) FROM equity_snapshots")).isPositive();
            assertThat(harness.text("SELECT variant_id || ' ' || (newest_candle_time IS NOT NULL) FROM scanner_heartbeat")).isEqualTo("unhinged true");
            double realized = Double.parseDouble(harness.text("SELECT coalesce(sum(realized_pnl), 0) FROM positions"));
            assertThat(sessions.getLast().realizedPnl()).as("the account spans sessions").isCloseTo(realized, org.assertj.core.api.Assertions.within(1e-6));
        }
    }
}
