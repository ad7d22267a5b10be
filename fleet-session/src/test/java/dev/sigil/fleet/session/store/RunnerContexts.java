package dev.sigil.fleet.session.store;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** The runner's Micronaut context (its environment, the repository's overlays) on a test database brought to the latest schema. */
final class RunnerContexts {

    private RunnerContexts() {
    }

    /** {@code more}: further properties, e.g. {@code sigil.runner.*} or the pool's size. */
    static ApplicationContext onMigrated(TestDatabase database, Map<String, Object> more) {
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("datasources.default.url", database.jdbcUrl(),
                "datasources.default.username", database.user(), "datasources.default.password", database.password() == null ? "" : database.password(),
                "sigil.runner.overlays", RepoFiles.gridOverlays().toString()));
        properties.putAll(more);
        return ApplicationContext.builder().environments(dev.sigil.fleet.session.RunnerSettings.ENVIRONMENT).properties(properties).start();
    }
}
