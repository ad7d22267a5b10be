package dev.sigil.fleet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.CapturedLogs;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replay means the same whatever the machine's speed: sessions last their duration on the candles' clock, so the
 * same data and config give the same sessions, positions and engine state when one of two runs is slowed down.
 */
@ExtendWith(PostgresFixture.class)
class ReplayDeterminismTest {

    /** 40 hours of candles after the replay's 16-hour warm-up (ATR(14) on 1h). */
    private static final int STEPS = 960 + 2_400;

    private static List<String> run(TestDatabase database, double ticksPerSecond) throws Exception {
        RunnerHarness.migrate(database);
        try (CapturedLogs logs = CapturedLogs.start();
             RunnerHarness harness = RunnerHarness.start(database, "variant", "aggressive", "market", "synthetic", "synthetic-steps", STEPS,
                "duration-seconds", 6 * 3600, "replay-ticks-per-second", ticksPerSecond, "replay-heartbeat-seconds", 0.05)) {
            harness.runToEnd();
            // a session's row is written with the first checkpoint after its rollover: its heartbeat has to come after that
            assertThat(logs.from("dev.sigil")).as("every heartbeat written").noneMatch(line -> line.contains("heartbeat not written"));
        }
        List<String> state = new ArrayList<>();
        for (String query : List.of(
                "SELECT end_reason || ' ' || coalesce(market_start::text, '-') || ' ' || coalesce(market_end::text, '-') FROM sessions ORDER BY id",
                "SELECT symbol || ' ' || entry_time || ' ' || entry_price || ' ' || qty || ' ' || stop_price || ' '"
                        + " || coalesce(exit_time::text, '-') || ' ' || coalesce(exit_reason, '-') || ' ' || coalesce(realized_pnl::text, '-')"
                        + " FROM positions ORDER BY entry_time, symbol",
                "SELECT key || '=' || value FROM engine_state ORDER BY key")) {
            try (Connection connection = database.connect(); ResultSet rows = connection.createStatement().executeQuery(query)) {
                while (rows.next()) {
                    state.add(rows.getString(1));
                }
            }
        }
        return state;
    }

    @Test
    void theSameDataGiveTheSameSessionsPositionsAndEngineStateWhetherTheReplayRunsFastOrSlow(TestDatabase fast) throws Exception {
        long started = System.nanoTime();
        List<String> unpaced = run(fast, 0);
        double fastSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        List<String> paced = run(TestPostgres.freshDatabase(ReplayDeterminismTest.class), 400);
        double slowSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(slowSeconds).as("the second run really was slower").isGreaterThan(fastSeconds + 2);
        assertThat(unpaced.stream().filter(line -> line.startsWith("duration_elapsed ")).count())
                .as("40 hours of candles in 6-hour sessions, however long the replay took").isEqualTo(6);
        assertThat(unpaced).anyMatch(line -> line.startsWith("replay_exhausted "));
        assertThat(paced).isEqualTo(unpaced);
    }
}
