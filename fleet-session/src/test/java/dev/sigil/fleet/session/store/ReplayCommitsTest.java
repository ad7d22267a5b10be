package dev.sigil.fleet.session.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A replay's connections do not wait for the server's disk at commit; a live runner's keep the server's setting. */
@ExtendWith(PostgresFixture.class)
class ReplayCommitsTest {

    /** Where the runner's connections get synchronous_commit from: "session" when the runner set it. */
    private static String synchronousCommitSource(Map<String, Object> runner) throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(ReplayCommitsTest.class);
        Map<String, Object> properties = new java.util.LinkedHashMap<>(Map.of("sigil.runner.variant", "baseline"));
        runner.forEach((key, value) -> properties.put("sigil.runner." + key, value));
        try (ApplicationContext context = RunnerContexts.onMigrated(database, properties);
             Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)).getConnection();
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT setting || ' from ' || source FROM pg_settings WHERE name = 'synchronous_commit'")) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void aReplayCommitsWithoutWaitingForTheDiskAndALiveRunnerAsTheServerSays() throws Exception {
        assertThat(synchronousCommitSource(Map.of("market", "replay", "data", "/nonexistent"))).isEqualTo("off from session");
        assertThat(synchronousCommitSource(Map.of("market", "synthetic", "synthetic-steps", 100))).isEqualTo("off from session");
        assertThat(synchronousCommitSource(Map.of("market", "synthetic"))).doesNotEndWith("from session");
        assertThat(synchronousCommitSource(Map.of("market", "binance"))).doesNotEndWith("from session");
    }
}
