package dev.sigil.fleet.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresFixture.class)
class SchemaMigratorTest {

    private static TestDatabase database;
    private static SchemaMigrator.Migrated first;

    @BeforeAll
    static void migrate(TestDatabase given) {
        database = given;
        first = new SchemaMigrator(target(given)).migrate();
    }

    static DatabaseTarget target(TestDatabase database) {
        return new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none());
    }

    @Test
    void migrationCreatesEveryTableTheFleetReliesOn() throws SQLException {
        assertThat(first.fromVersion()).isEqualTo("none");
        assertThat(first.applied()).isGreaterThanOrEqualTo(1);
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertThat(tables).contains("sessions", "engine_state", "positions", "symbol_protections", "scanner_heartbeat",
                "signals", "circuit_breaker", "circuit_breaker_events", "equity_snapshots");
    }

    @Test
    void secondMigrateAppliesNothingAndTheDatabaseIsCurrent() {
        SchemaMigrator migrator = new SchemaMigrator(target(database));
        SchemaMigrator.Migrated again = migrator.migrate();
        assertThat(again.applied()).isZero();
        assertThat(again.fromVersion()).as("where the first left it").isEqualTo(first.toVersion()).isNotEqualTo("none");
        assertThat(again.toVersion()).as("it stays there (Flyway names no target then)").isEqualTo(again.fromVersion());
        SchemaMigrator.Status status = migrator.status();
        assertThat(status.current()).isTrue();
        assertThat(status.currentVersion()).isEqualTo(status.latestVersion());
        assertThat(status.migrations()).allSatisfy(row -> assertThat(row.state()).isEqualTo("Success"));
    }

    @Test
    void partialUniqueIndexAllowsOneOpenPositionPerSymbolAndAnyNumberClosed() throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO sessions (variant_id, started_at, duration_limit_s, config_hash, config_json) VALUES ('v', now(), 60, 'h', '{}')");
            String open = "INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee, stop_price, atr_at_entry, highest_price)"
                    + " SELECT 'v', max(id), 'BTCUSDT', 'open', now(), 100, 1, 0.1, 97, 1, 100 FROM sessions";
            sql.execute(open);
            assertThatThrownBy(() -> sql.execute(open)).hasMessageContaining("positions_one_open_per_symbol");
            sql.execute("UPDATE positions SET status = 'closed', exit_time = now(), exit_price = 99, exit_fee = 0.1, exit_reason = 'hard_stop', realized_pnl = -1.2");
            sql.execute(open);
        }
    }

    @Test
    void breakerEventsAreAppendOnly() throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO circuit_breaker_events (variant_id, event, reason, actor) VALUES ('v', 'trip', 'test', 'someone')");
            assertThatThrownBy(() -> sql.execute("UPDATE circuit_breaker_events SET reason = 'rewritten'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("DELETE FROM circuit_breaker_events")).hasMessageContaining("append-only");
        }
    }

    @Test
    void unreachableDatabaseFailsFastWithoutHanging() {
        DatabaseTarget nowhere = new DatabaseTarget("jdbc:postgresql://127.0.0.1:1/none", "sigil", Secret.none());
        long start = System.nanoTime();
        assertThatThrownBy(() -> new SchemaMigrator(nowhere).migrate()).hasMessageContaining("127.0.0.1:1");
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(DatabaseTarget.CONNECT_TIMEOUT_SECONDS * 3.0);
    }

    @Test
    void aMigrationTakesOneConnectionPerDatabase() {
        // Flyway's transactional advisory lock needs a second connection beside the one that migrates; the session-level
        // lock does not: a connection is a new server process, ~25 ms of the server's CPU, twice per database without it
        DatabaseTarget empty = target(TestPostgres.freshDatabase(SchemaMigratorTest.class));
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        javax.sql.DataSource counting = new org.postgresql.ds.PGSimpleDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                opened.incrementAndGet();
                return empty.connect();
            }
        };
        SchemaMigrator.Migrated migrated = new SchemaMigrator(counting).migrate();
        assertThat(migrated.applied()).isEqualTo(SchemaVersion.shippedSql().size());
        assertThat(opened).as("connections opened to migrate one database").hasValue(1);
    }

    @Test
    void twoMigrationsOfOneDatabaseAtOnceApplyEachMigrationOnce() throws Exception {
        DatabaseTarget empty = target(TestPostgres.freshDatabase(SchemaMigratorTest.class));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var barrier = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<SchemaMigrator.Migrated> migrate = () -> {
                barrier.await();
                return new SchemaMigrator(empty).migrate();
            };
            var one = pool.submit(migrate);
            var other = pool.submit(migrate);
            assertThat(one.get().applied() + other.get().applied()).as("the session lock lets one apply, the other finds them applied")
                    .isEqualTo(SchemaVersion.shippedSql().size());
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = empty.connect(); ResultSet row = connection.createStatement().executeQuery(
                "SELECT count(*), count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            row.next();
            assertThat(row.getInt(1)).isEqualTo(row.getInt(2)).isEqualTo(SchemaVersion.shippedSql().size());
        }
    }

    @Test
    void engineStateValuesAreStoredUncompressed() throws SQLException {
        // written whole every live cycle: compressing the large ones (the drift guard's window) cost the server a millisecond each
        String large = "S0001USDT:3,0,184.88571300303457,184.41791087830873,184.01797402279206;".repeat(500);
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO engine_state (key, value, updated_at) VALUES ('test.large', '" + large + "', now())");
            try (ResultSet row = sql.executeQuery("SELECT pg_column_size(value), octet_length(value) FROM engine_state WHERE key = 'test.large'")) {
                row.next();
                assertThat(row.getInt(1)).as("stored size of a %d-byte value", row.getInt(2)).isGreaterThanOrEqualTo(row.getInt(2));
            }
        }
    }
}
