package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fleet reconcile} on a live run of the synthetic market (the runner's live path: wall-clock ticks, warm-up from
 * history, the live ledger recording its candles — on a simulated clock): the replay of the recorded candles through the
 * backtester finds no difference; with candles of one symbol deleted before one of its trades, the trade is listed and
 * the gap named.
 */
class ReconcileTest {

    private static final Instant START = Instant.parse("2025-06-01T00:00:30Z");
    private static final int HOURS = 24;
    private static TestDatabase live;
    private static int liveTrades;

    @BeforeAll
    static void runLive() throws Exception {
        live = TestPostgres.freshDatabase(ReconcileTest.class);
        DatabaseTarget target = new DatabaseTarget(live.jdbcUrl(), live.user(), Secret.none());
        new SchemaMigrator(target).migrate();
        long started = System.nanoTime();
        try (RunnerLauncher launcher = new RunnerLauncher(target, Map.of("variant", "unhinged", "overlays", RepoFiles.gridOverlays().toString(),
                "market", "synthetic", "synthetic-seed", 7, "duration-seconds", HOURS * 3600, "after-session", "exit"), dev.sigil.fleet.session.RunnerTime.jumping(START))) {
            launcher.run();
        }
        liveTrades = count("SELECT count(*) FROM positions");
        System.out.printf("live run: %d trades, %d candles recorded (%d bytes with the index) in %.1f s%n", liveTrades,
                count("SELECT count(*) FROM market_candles"), count("SELECT pg_total_relation_size('market_candles')"), (System.nanoTime() - started) / 1e9);
    }

    private static int count(String query) throws Exception {
        try (Connection connection = live.connect(); ResultSet row = connection.createStatement().executeQuery(query)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static CliRun reconcile(String... more) {
        TestDatabase replay = TestPostgres.freshDatabase(ReconcileTest.class);
        String[] args = {"reconcile", "unhinged", "--since", "2025-06-01", "--db", live.jdbcUrl() + "?user=" + live.user(),
                "--replay-db", replay.jdbcUrl() + "?user=" + replay.user()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void aLiveRunThatDidNotCrashReplaysToZeroDifferencesAndAForcedGapIsNamed() throws Exception {
        assertThat(liveTrades).as("the live run must trade for the comparison to mean anything").isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT count(*) FROM sessions WHERE end_reason = 'duration_elapsed'")).isEqualTo(1);

        CliRun clean = reconcile();
        assertThat(clean.exitCode()).as(clean.toString()).isEqualTo(ExitCodes.OK);
        assertThat(clean.out()).as(clean.toString()).contains("0 differences over " + liveTrades + " trades in 1 session");

        // delete the 3 candles up to and including the signal candle of the second live trade's symbol
        String symbol;
        Instant entry;
        try (Connection connection = live.connect(); ResultSet row = connection.createStatement()
                .executeQuery("SELECT symbol, entry_time FROM positions ORDER BY entry_time, symbol OFFSET 1 LIMIT 1")) {
            row.next();
            symbol = row.getString(1);
            entry = row.getTimestamp(2).toInstant();
        }
        try (Connection connection = live.connect(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM market_candles WHERE symbol = ? AND open_time >= ? AND open_time < ?")) {
            delete.setString(1, symbol);
            delete.setTimestamp(2, Timestamp.from(entry.minus(Duration.ofMinutes(3))));
            delete.setTimestamp(3, Timestamp.from(entry));
            assertThat(delete.executeUpdate()).isEqualTo(3);
        }
        CliRun gapped = reconcile("--json");
        assertThat(gapped.exitCode()).as(gapped.toString()).isEqualTo(ExitCodes.DIFFERENCES);
        JsonNode json = new ObjectMapper().readTree(gapped.out());
        assertThat(json.get("gaps")).singleElement().satisfies(gap -> assertThat(gap.get("description").asText())
                .isEqualTo(symbol + " missing 3 candles " + entry.minus(Duration.ofMinutes(3)) + ".." + entry.minus(Duration.ofMinutes(1))));
        JsonNode missed = null;
        for (JsonNode difference : json.get("differences")) {
            if (difference.get("symbol").asText().equals(symbol) && difference.get("entry_time").asText().equals(entry.toString())) {
                missed = difference;
            }
        }
        assertThat(missed).as(gapped.out()).isNotNull();
        assertThat(missed.get("kind").asText()).isEqualTo("missed");
        assertThat(missed.get("reason").asText()).isEqualTo("data gap: " + symbol + " missing 3 candles " + entry.minus(Duration.ofMinutes(3))
                + ".." + entry.minus(Duration.ofMinutes(1)));
        for (JsonNode difference : json.get("differences")) {
            assertThat(difference.get("reason").asText()).as("every difference is on the gapped symbol: " + difference)
                    .startsWith("data gap: " + symbol);
        }

        CliRun table = reconcile();
        System.out.println(clean.out() + table.out());
        assertThat(table.out()).as(table.toString()).contains("missed").contains("data gap: " + symbol + " missing 3 candles")
                .containsPattern("\\d+ differences? over " + liveTrades + " trades in 1 session");
    }

    @Test
    void noLiveSessionSinceTheDateIsAClearFailure() {
        CliRun run = CliRun.of("reconcile", "unhinged", "--since", "2030-01-01", "--db", live.jdbcUrl() + "?user=" + live.user());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("no live session of variant 'unhinged' started since 2030-01-01");
        CliRun unknown = CliRun.of("reconcile", "nosuch", "--since", "2025-06-01", "--db", live.jdbcUrl() + "?user=" + live.user());
        assertThat(unknown.err()).contains("no live session of variant 'nosuch'").contains("(variants there: unhinged)");
    }
}
