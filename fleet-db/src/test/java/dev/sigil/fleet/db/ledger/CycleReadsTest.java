package dev.sigil.fleet.db.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.guard.LedgerTruth;
import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cycle's reads on a real PostgreSQL, sent together: the variant's circuit breaker, and for the wallet-truth check
 * its realized P&L and open positions, exactly.
 */
@ExtendWith(PostgresFixture.class)
class CycleReadsTest {

    @Test
    void readsTheBreakerAndTheRealizedPnlAndOpenPositionsOfTheVariantOnly(TestDatabase database) throws Exception {
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE positions, sessions, circuit_breaker, circuit_breaker_events CASCADE");
            sql.execute("INSERT INTO sessions (variant_id, started_at, duration_limit_s, config_hash, config_json) VALUES ('baseline', now(), 0, 'h', '{}')");
            assertThat(CycleReads.read(connection, "baseline", true).ledgerTruth()).as("no position yet").isEqualTo(new LedgerTruth(0, java.util.List.of()));

            String position = "INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee, stop_price,"
                    + " atr_at_entry, highest_price, exit_time, exit_price, exit_fee, exit_reason, realized_pnl) SELECT %s, id, %s, %s, now(), %s, %s, %s, 1, 1, 1, %s FROM sessions";
            sql.execute(position.formatted("'baseline'", "'BTCUSDT'", "'closed'", "100", "1", "0.05", "now(), 101, 0.05, 'atr_trail', 0.9"));
            sql.execute(position.formatted("'baseline'", "'ETHUSDT'", "'closed'", "100", "1", "0.05", "now(), 99, 0.05, 'hard_stop', -1.1"));
            sql.execute(position.formatted("'moderate'", "'ETHUSDT'", "'closed'", "100", "1", "0.05", "now(), 90, 0.05, 'hard_stop', -10"));
            sql.execute(position.formatted("'baseline'", "'SOLUSDT'", "'open'", "150.17351848213", "0.49913433071977117", "0.0374", "NULL, NULL, NULL, NULL, NULL"));
            sql.execute(position.formatted("'baseline'", "'ADAUSDT'", "'open'", "0.5", "2000", "0.05", "NULL, NULL, NULL, NULL, NULL"));
            sql.execute(position.formatted("'moderate'", "'XRPUSDT'", "'open'", "0.6", "1000", "0.05", "NULL, NULL, NULL, NULL, NULL"));

            BreakerStore.trip(connection, "baseline", "test", "person");
            long reset = BreakerStore.reset(connection, "baseline", "checked", "person") ? latestReset(sql) : -1;
            BreakerStore.trip(connection, "baseline", "again", "person");
            BreakerStore.trip(connection, "moderate", "other", "person");
            BreakerStore.reset(connection, "moderate", "other", "person");

            CycleReads reads = CycleReads.read(connection, "baseline", true);
            LedgerTruth truth = reads.ledgerTruth();

            assertThat(reads.breaker()).as("tripped again after its reset; the other variant's reset not counted")
                    .isEqualTo(new BreakerStore.View(true, reset));
            assertThat(CycleReads.read(connection, "baseline", false)).as("the breaker alone when the truth is not asked for")
                    .isEqualTo(new CycleReads(new BreakerStore.View(true, reset), null));
            assertThat(CycleReads.read(connection, "aggressive", true)).as("a variant with no breaker row and no positions")
                    .isEqualTo(new CycleReads(new BreakerStore.View(false, 0), new LedgerTruth(0, java.util.List.of())));

            assertThat(truth.realizedPnl()).as("0.9 - 1.1, the other variant's not counted").isEqualTo(0.9 + -1.1, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(truth.openPositions()).extracting(LedgerTruth.OpenPosition::symbol).containsExactly("SOLUSDT", "ADAUSDT");
            assertThat(truth.openPositions().getFirst().qty()).as("the stored decimal, exactly").isEqualTo(0.49913433071977117);
            assertThat(truth.openPositions().getFirst().entryPrice()).isEqualTo(150.17351848213);
            assertThat(truth.openPositions().getFirst().entryFee()).isEqualTo(0.0374);
        }
    }

    private static long latestReset(Statement sql) throws java.sql.SQLException {
        try (var row = sql.executeQuery("SELECT max(id) FROM circuit_breaker_events WHERE variant_id = 'baseline' AND event = 'reset'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
