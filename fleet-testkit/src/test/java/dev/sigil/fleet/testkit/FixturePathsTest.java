package dev.sigil.fleet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sigil.fleet.pg.EmbeddedPostgres;
import dev.sigil.fleet.pg.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each of the fixture's three ways to a PostgreSQL server, and the per-class database it hands out. */
@ExtendWith(PostgresFixture.class)
class FixturePathsTest {

    @Test
    void defaultPathGivesThisClassItsOwnPostgres15Database(TestDatabase database) throws SQLException {
        assertThat(database).isSameAs(TestPostgres.databaseFor(FixturePathsTest.class));
        try (Connection connection = database.connect();
             ResultSet result = connection.createStatement().executeQuery("SELECT current_setting('server_version_num')::int, current_database()")) {
            result.next();
            assertThat(result.getInt(1) / 10000).isEqualTo(15);
            assertThat(result.getString(2)).isEqualTo(database.name());
        }
    }

    @Test
    void everyTestClassGetsADifferentEmptyDatabase(TestDatabase database) throws SQLException {
        TestDatabase other = TestPostgres.databaseFor(String.class);
        assertThat(other.name()).isNotEqualTo(database.name());
        try (Connection mine = database.connect()) {
            mine.createStatement().execute("CREATE TABLE IF NOT EXISTS only_here (id int)");
        }
        try (Connection theirs = other.connect();
             ResultSet tables = theirs.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void withoutUrlOrDockerTheEmbeddedServerIsChosen() {
        assumeTrue(TestPostgres.externalUrl() == null, "SIGIL_TEST_PG_URL is set");
        assumeTrue(!ContainerServer.dockerAnswers(), "a Docker engine answers");
        assertThat(TestPostgres.chooseSource()).isEqualTo(TestPostgres.Source.EMBEDDED);
    }

    @Test
    void externalUrlPathCreatesAFreshDatabaseOnTheGivenServer() throws SQLException {
        try (PostgresServer somewhereElse = EmbeddedPostgres.throwaway()) {
            String url = somewhereElse.jdbcUrl("postgres") + "?user=postgres&password=not-needed-with-trust";
            ExternalServer external = new ExternalServer(url);
            TestDatabase first = TestPostgres.createOn(external, "ExternalOne");
            TestDatabase second = TestPostgres.createOn(external, "ExternalOne");
            assertThat(first.name()).isNotEqualTo(second.name());
            assertThat(first.password()).isEqualTo("not-needed-with-trust");
            try (Connection connection = first.connect();
                 ResultSet result = connection.createStatement().executeQuery("SELECT current_database()")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo(first.name());
            }
            assertThat(external.description()).doesNotContain("not-needed-with-trust");
        }
    }

    @Test
    void externalUrlThatIsNotPostgresIsRejectedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> new ExternalServer("jdbc:mysql://db/x?user=a&password=hunter2"))
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void testcontainersPathStartsPostgres15WhereDockerAnswers() throws SQLException {
        assumeTrue(ContainerServer.dockerAnswers(), "no Docker engine answers here: the Testcontainers path is skipped");
        try (ContainerServer container = ContainerServer.start()) {
            TestDatabase database = TestPostgres.createOn(container, "Container");
            try (Connection connection = database.connect();
                 ResultSet result = connection.createStatement().executeQuery("SELECT current_setting('server_version_num')::int")) {
                result.next();
                assertThat(result.getInt(1) / 10000).isEqualTo(15);
            }
        }
    }
}
