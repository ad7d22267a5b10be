package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.io.db.SchemaMigrator;
import dev.sigil.fleet.io.fleet.DatabaseTarget;
import dev.sigil.fleet.io.fleet.Secret;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet compare} on four variant databases whose trades are drawn with known means: the variants are grouped
 * into the grid's arms by their sessions' hard-stop multiplier, and the verdict names the better arm — or says the
 * evidence is not there yet.
 */
class CompareVerdictTest {

    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");

    /** A variant database with one session run at {@code multiplier} and {@code trades} closed trades of mean P&L {@code mean}. */
    private static TestDatabase variant(String name, double multiplier, int trades, double mean, long seed) throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(CompareVerdictTest.class);
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        Random random = new Random(seed);
        try (Connection connection = database.connect()) {
            long session;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sessions (variant_id, started_at, ended_at, end_reason, duration_limit_s, config_hash, config_json)
                    VALUES (?, ?, ?, 'replay_exhausted', 7200, 'h', CAST(? AS jsonb)) RETURNING id""")) {
                insert.setString(1, name);
                insert.setTimestamp(2, Timestamp.from(T0));
                insert.setTimestamp(3, Timestamp.from(T0.plusSeconds(86_400 * 20)));
                insert.setString(4, "{\"exit\": {\"hard_stop_multiplier\": " + multiplier + ", \"hard_stop_floor_pct\": 3.0, \"hard_stop_cap_pct\": 6.0},"
                        + " \"paper\": {\"starting_balance_usd\": 1000}}");
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    session = row.getLong(1);
                }
            }
            double equity = 1000;
            for (int i = 0; i < trades; i++) {
                Instant entry = T0.plusSeconds(3600L * 8 * i);
                double pnl = mean + 1.5 * random.nextGaussian();
                equity += pnl;
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee, stop_price,
                                               atr_at_entry, highest_price, exit_time, exit_price, exit_fee, exit_reason, realized_pnl)
                        VALUES (?, ?, 'BTCUSDT', 'closed', ?, 100, 1, 0.1, 96, 1, 100, ?, 100, 0.1, ?, ?)""");
                     PreparedStatement snapshot = connection.prepareStatement(
                             "INSERT INTO equity_snapshots (session_id, at, equity, realized_pnl, open_positions) VALUES (?, ?, ?, 0, 0)")) {
                    insert.setString(1, name);
                    insert.setLong(2, session);
                    insert.setTimestamp(3, Timestamp.from(entry));
                    insert.setTimestamp(4, Timestamp.from(entry.plusSeconds(3600 * 4)));
                    insert.setString(5, pnl > 0 ? "atr_trail" : "hard_stop");
                    insert.setDouble(6, pnl);
                    insert.executeUpdate();
                    snapshot.setLong(1, session);
                    snapshot.setTimestamp(2, Timestamp.from(entry.plusSeconds(3600 * 4)));
                    snapshot.setDouble(3, equity);
                    snapshot.executeUpdate();
                }
            }
        }
        return database;
    }

    @Test
    void theVariantsAreGroupedIntoArmsAndTheBetterArmIsNamedWithItsInterval(@TempDir Path dir) throws Exception {
        Path fleet = new TestFleetFile().variant("baseline", variant("baseline", 1.5, 40, -0.6, 1)).variant("moderate", variant("moderate", 1.5, 40, -0.4, 2))
                .variant("aggressive", variant("aggressive", 2.5, 40, 0.6, 3)).variant("unhinged", variant("unhinged", 2.5, 40, 0.8, 4))
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun text = CliRun.of("compare", "--fleet", fleet.toString());
        CliRun json = CliRun.of("compare", "--fleet", fleet.toString(), "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("arms by exit.hard_stop_multiplier: 1.5 (baseline, moderate; 80 trades) · 2.5 (aggressive, unhinged; 80 trades)")
                .containsPattern("verdict: 2\\.5 better by 1\\.\\d{3} USD/trade \\(95 % CI 0\\.\\d{3}…1\\.\\d{3}, p = 0\\.0\\d\\d\\)")
                .contains("expectancy R").contains("profit factor").contains("Sharpe");
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.get("by").asText()).isEqualTo("exit.hard_stop_multiplier");
        assertThat(result.get("variants")).hasSize(4);
        assertThat(result.get("variants").get(0).get("metrics").get("arm").asText()).isIn("1.5", "2.5");
        JsonNode comparison = result.get("comparisons").get(0);
        assertThat(comparison.get("first").asText()).isEqualTo("1.5");
        assertThat(comparison.get("expectancy_difference_usd").asDouble()).isNegative();
        assertThat(comparison.get("ci95_high").asDouble()).isNegative();
        assertThat(comparison.get("p_value").asDouble()).isLessThan(0.05);
        assertThat(comparison.get("paired_days").asInt()).isPositive();
    }

    @Test
    void aFewTradesGiveNoVerdictButSayHowManyMoreAreNeeded(@TempDir Path dir) throws Exception {
        Path fleet = new TestFleetFile().variant("baseline", variant("baseline", 1.5, 8, -0.2, 5)).variant("aggressive", variant("aggressive", 2.5, 9, 0.3, 6))
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun run = CliRun.of("compare", "--fleet", fleet.toString());

        assertThat(run.out()).contains("verdict: insufficient evidence: 8 trades in the smaller arm, at least 30 needed")
                .containsPattern("about \\d+ more per arm");
    }
}
