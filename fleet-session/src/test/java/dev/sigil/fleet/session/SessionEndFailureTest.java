package dev.sigil.fleet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replay session's end is not lost: a rollover leaves it to the next session's checkpoint; a refused checkpoint keeps
 * everything it would have written and a later one writes it all (the same sessions, ends and ledger as a run the
 * database never refused); a stop that comes as the session ends writes it on the runner's way out.
 */
@ExtendWith(PostgresFixture.class)
class SessionEndFailureTest {

    @Test
    void aSessionEndRefusedForAWhileIsWrittenLaterWithNothingLost() throws Exception {
        TestDatabase refusing = TestPostgres.freshDatabase(SessionEndFailureTest.class);
        RunnerHarness.migrate(refusing);
        try (Connection connection = refusing.connect(); Statement sql = connection.createStatement()) {
            // the first two attempts to end the first session are refused, as by a disk full for a moment; a sequence counts
            // them (nextval is not undone by the rollback of the refused transaction)
            sql.execute("CREATE SEQUENCE refused");
            sql.execute("""
                    CREATE FUNCTION refuse_first_end() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.ended_at IS NOT NULL AND OLD.ended_at IS NULL AND OLD.id = (SELECT min(id) FROM sessions)
                         AND nextval('refused') <= 2 THEN
                        RAISE EXCEPTION 'could not extend file: No space left on device';
                      END IF;
                      RETURN NEW;
                    END $$""");
            sql.execute("CREATE TRIGGER refuse_first_end BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION refuse_first_end()");
        }
        TestDatabase clean = TestPostgres.freshDatabase(SessionEndFailureTest.class);
        RunnerHarness.migrate(clean);
        // 300 minute candles in two-hour sessions: three sessions in one process
        for (TestDatabase database : List.of(refusing, clean)) {
            try (RunnerHarness harness = RunnerHarness.start(database, "variant", "baseline", "market", "synthetic", "synthetic-steps", 960 + 300)) {
                harness.runToEnd();
            }
        }

        assertThat(rows(refusing, "SELECT last_value FROM refused")).as("refused twice, written at the third attempt").containsExactly("3");
        String sessions = "SELECT end_reason || ' ' || market_start || ' ' || market_end FROM sessions ORDER BY id";
        assertThat(rows(refusing, sessions)).hasSize(3).isEqualTo(rows(clean, sessions));
        assertThat(rows(refusing, sessions).getFirst()).startsWith("duration_elapsed ");
        String ledger = """
                SELECT (SELECT count(*) FROM equity_snapshots) || ' snapshots, ' || (SELECT count(*) FROM positions) || ' positions, '
                       || (SELECT count(*) FROM signals) || ' signals, equity ' || (SELECT equity FROM equity_snapshots ORDER BY at DESC LIMIT 1)""";
        assertThat(rows(refusing, ledger)).isEqualTo(rows(clean, ledger));
        assertThat(rows(refusing, "SELECT count(*) FROM sessions WHERE ended_at IS NULL")).containsExactly("0");
    }

    @Test
    void aStopAskedAsAReplaySessionEndsOnItsDurationStillWritesItsEndAndTicks() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(SessionEndFailureTest.class);
        RunnerHarness.migrate(database);
        List<SessionSummary> ended;
        try (RunnerHarness harness = RunnerHarness.start(database, "variant", "baseline", "market", "synthetic", "synthetic-steps", 960 + 300)) {
            VariantRunner runner = harness.runner();
            // the first session has ended on its duration, its end left to the next session: the stop comes now
            ended = runner.run(summary -> runner.requestStop(EndReason.SIGNAL_TERM));
        }

        assertThat(ended).extracting(SessionSummary::endReason).containsExactly(EndReason.DURATION_ELAPSED);
        assertThat(rows(database, "SELECT end_reason || ' ' || (market_end - market_start) FROM sessions"))
                .as("written whole by the runner on its way out").containsExactly("duration_elapsed 02:00:00");
        assertThat(rows(database, "SELECT count(*) FROM equity_snapshots")).as("its ticks' snapshots: at its first tick, then every ten minutes for two hours").containsExactly("13");
        assertThat(rows(database, "SELECT resume_after = (SELECT market_end FROM sessions) FROM scan_progress"))
                .as("the resume point is the session's last tick: nothing of it is replayed").containsExactly("t");
    }

    private static List<String> rows(TestDatabase database, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
