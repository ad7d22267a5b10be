package dev.sigil.fleet.session;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A variant runner's Micronaut context on a test database (no HTTP server), with the repository's overlays. */
public final class RunnerHarness implements AutoCloseable {

    public final ApplicationContext context;
    public final TestDatabase database;

    private RunnerHarness(ApplicationContext context, TestDatabase database) {
        this.context = context;
        this.database = database;
    }

    public static void migrate(TestDatabase database) {
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
    }

    public static RunnerHarness start(TestDatabase database, Object... runnerProperties) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", database.user());
        properties.put("datasources.default.password", database.password() == null ? "" : database.password());
        properties.put("datasources.default.maximum-pool-size", 60);
        properties.put("sigil.runner.overlays", RepoFiles.gridOverlays().toString());
        properties.put("micronaut.metrics.enabled", true);
        for (int i = 0; i < runnerProperties.length; i += 2) {
            properties.put("sigil.runner." + runnerProperties[i], runnerProperties[i + 1]);
        }
        return new RunnerHarness(ApplicationContext.builder().environments(RunnerSettings.ENVIRONMENT).properties(properties).start(), database);
    }

    public VariantRunner runner() {
        return context.getBean(VariantRunner.class);
    }

    public List<SessionSummary> runToEnd() throws Exception {
        return runner().run(summary -> { });
    }

    public long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    public String text(String sql) throws SQLException {
        try (Connection connection = database.connect(); ResultSet row = connection.createStatement().executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
