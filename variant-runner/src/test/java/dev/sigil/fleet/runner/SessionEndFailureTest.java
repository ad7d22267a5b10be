package dev.sigil.fleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A session whose end cannot be written is closed as aborted by the next session's start, even when the same process
 * goes on (a rollover normally skips that look): no session is left without its end.
 */
@ExtendWith(PostgresFixture.class)
class SessionEndFailureTest {

    @Test
    void aSessionEndThatCouldNotBeWrittenIsClosedAsAbortedByTheNextStart() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(SessionEndFailureTest.class);
        RunnerHarness.migrate(database);
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            // the end of the first session is refused, as by a full disk; everything else goes through
            sql.execute("""
                    CREATE FUNCTION refuse_first_end() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF NEW.end_reason = 'duration_elapsed' AND OLD.id = (SELECT min(id) FROM sessions) THEN
                        RAISE EXCEPTION 'could not extend file: No space left on device';
                      END IF;
                      RETURN NEW;
                    END $$""");
            sql.execute("CREATE TRIGGER refuse_first_end BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION refuse_first_end()");
        }
        // 300 minute candles in two-hour sessions: three sessions in one process
        try (RunnerHarness harness = RunnerHarness.start(database, "variant", "baseline", "market", "synthetic", "synthetic-steps", 300)) {
            harness.runToEnd();
        }

        List<String> sessions = new ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT id, end_reason, ended_at IS NOT NULL FROM sessions ORDER BY id")) {
            while (rows.next()) {
                sessions.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getBoolean(3));
            }
        }
        assertThat(sessions).hasSize(3);
        assertThat(sessions.get(0)).endsWith(" aborted true");
        assertThat(sessions.get(1)).endsWith(" duration_elapsed true");
        assertThat(sessions.get(2)).endsWith(" replay_exhausted true");
    }
}
