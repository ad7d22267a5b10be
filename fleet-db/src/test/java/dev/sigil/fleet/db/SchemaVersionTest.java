package dev.sigil.fleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runner's Flyway-free schema check says what Flyway's own status says: before, part way and after. */
@ExtendWith(PostgresFixture.class)
class SchemaVersionTest {

    private static DatabaseTarget fresh() {
        TestDatabase database = TestPostgres.freshDatabase(SchemaVersionTest.class);
        return new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none());
    }

    private static void agreeWithFlyway(DatabaseTarget target) throws Exception {
        SchemaMigrator.Status flyway = new SchemaMigrator(target).status();
        try (Connection connection = target.connect()) {
            SchemaMigrator.Status quick = SchemaVersion.of(connection);
            assertThat(List.of(quick.currentVersion(), quick.latestVersion(), quick.pending(), quick.current()))
                    .isEqualTo(List.of(flyway.currentVersion(), flyway.latestVersion(), flyway.pending(), flyway.current()));
        }
    }

    @Test
    void theShippedMigrationsAreListedInVersionOrder() {
        List<String> shipped = SchemaVersion.shipped();
        assertThat(shipped).startsWith("1", "2").hasSizeGreaterThanOrEqualTo(10);
        assertThat(shipped.indexOf("10")).isGreaterThan(shipped.indexOf("9"));
    }

    @Test
    void anEmptyDatabaseHasEverythingPending() throws Exception {
        DatabaseTarget target = fresh();
        agreeWithFlyway(target);
        try (Connection connection = target.connect()) {
            assertThat(SchemaVersion.of(connection).currentVersion()).isEqualTo("none");
        }
    }

    @Test
    void aDatabaseMigratedPartWayHasTheRestPendingAndAMigratedOneNone() throws Exception {
        DatabaseTarget target = fresh();
        Flyway.configure().dataSource(target.dataSource()).locations(SchemaMigrator.LOCATION).target("5").load().migrate();
        agreeWithFlyway(target);
        try (Connection connection = target.connect()) {
            assertThat(SchemaVersion.of(connection).currentVersion()).isEqualTo("5");
        }

        new SchemaMigrator(target).migrate();
        agreeWithFlyway(target);
        try (Connection connection = target.connect()) {
            assertThat(SchemaVersion.of(connection).current()).isTrue();
        }
    }
}
