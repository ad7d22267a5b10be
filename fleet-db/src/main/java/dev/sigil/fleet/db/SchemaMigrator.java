package dev.sigil.fleet.db;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway over one variant database, with the migrations shipped in this jar ({@code migrations/} at the top of
 * the repository). Forward only: {@code clean} is disabled, applied migrations are validated, never edited.
 *
 * <p>One connection per database: Flyway's session-level advisory lock (held on the connection that migrates) instead
 * of its default transactional one, which takes a second connection for the migrations. A connection is a new server
 * process (20–30 ms of a small server's CPU), and {@code fleet migrate} over a hundred databases took 17.4 s with two,
 * 12.7–13.0 s with one. Concurrent migrations of one database still wait for each other (the same key, tried with
 * Flyway's same retries as the transactional lock), and a migration that dies drops its lock with its connection. No placeholder replacement: the migrations have no
 * {@code ${...}}, and the reader that looks for them was a third of the parser's samples (JFR).
 */
public final class SchemaMigrator {

    public static final String LOCATION = "classpath:db/migration";

    private final javax.sql.DataSource dataSource;

    public SchemaMigrator(DatabaseTarget target) {
        this(target.dataSource());
    }

    public SchemaMigrator(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What one {@code migrate} did. */
    public record Migrated(String fromVersion, String toVersion, int applied, Duration took) {
    }

    /** Where a database stands against the code's migrations. */
    public record Status(String currentVersion, String latestVersion, int pending, List<MigrationRow> migrations) {
        public boolean current() {
            return pending == 0;
        }
    }

    /** One migration as Flyway sees it on this database. */
    public record MigrationRow(String version, String description, String state, String installedOn) {
    }

    public Migrated migrate() {
        long start = System.nanoTime();
        MigrateResult result = flyway().migrate();
        // Flyway names no target when nothing was pending: the database stays where it was
        String initial = orNone(result.initialSchemaVersion);
        return new Migrated(initial, result.targetSchemaVersion == null ? initial : result.targetSchemaVersion, result.migrationsExecuted,
                Duration.ofNanos(System.nanoTime() - start));
    }

    public Status status() {
        MigrationInfoService info = flyway().info();
        MigrationInfo current = info.current();
        MigrationInfo[] all = info.all();
        String latest = all.length == 0 ? "none" : all[all.length - 1].getVersion().getVersion();
        List<MigrationRow> rows = Arrays.stream(all).map(migration -> new MigrationRow(
                migration.getVersion().getVersion(), migration.getDescription(), migration.getState().getDisplayName(),
                migration.getInstalledOn() == null ? "" : migration.getInstalledOn().toInstant().toString())).toList();
        return new Status(current == null ? "none" : current.getVersion().getVersion(), latest, info.pending().length, rows);
    }

    private Flyway flyway() {
        FluentConfiguration configuration = Flyway.configure(SchemaMigrator.class.getClassLoader());
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration
                .dataSource(dataSource)
                .connectRetries(0)
                .locations(LOCATION)
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .group(true)
                .placeholderReplacement(false)
                .load();
    }

    private static String orNone(String version) {
        return version == null ? "none" : version;
    }
}
