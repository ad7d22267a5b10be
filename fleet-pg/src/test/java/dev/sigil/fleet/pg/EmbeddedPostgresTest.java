package dev.sigil.fleet.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @Test
    void persistentServerKeepsItsDataAcrossRestarts(@TempDir Path home) throws SQLException {
        Path data = home.resolve("pg");
        try (PostgresServer server = EmbeddedPostgres.persistent(data)) {
            server.createDatabaseIfMissing("kept");
            try (Connection connection = server.connect("kept")) {
                connection.createStatement().execute("CREATE TABLE ledger (amount numeric); INSERT INTO ledger VALUES (42.5)");
            }
        }
        assertThat(PostmasterPid.read(data)).as("stopped on close").isEmpty();
        try (PostgresServer again = EmbeddedPostgres.persistent(data);
             Connection connection = again.connect("kept");
             ResultSet result = connection.createStatement().executeQuery("SELECT amount FROM ledger")) {
            result.next();
            assertThat(result.getBigDecimal(1)).isEqualByComparingTo("42.5");
        }
    }

    @Test
    void secondStartOnARunningDataDirectoryAttachesAndLeavesTheServerUp(@TempDir Path home) throws SQLException {
        Path data = home.resolve("pg");
        try (PostgresServer owner = EmbeddedPostgres.persistent(data)) {
            try (PostgresServer attached = EmbeddedPostgres.persistent(data)) {
                assertThat(attached.description()).contains("attached");
                assertThat(attached.jdbcUrl("postgres")).isEqualTo(owner.jdbcUrl("postgres"));
            }
            try (Connection stillUp = owner.connect("postgres")) {
                assertThat(stillUp.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void throwawayServerRemovesItsDataDirectoryOnClose() throws SQLException {
        PostgresServer server = EmbeddedPostgres.throwaway();
        String description = server.description();
        Path data = Path.of(description.substring(description.indexOf("data ") + 5));
        try (Connection connection = server.connect("postgres")) {
            assertThat(connection.isValid(2)).isTrue();
        }
        server.close();
        assertThat(data).doesNotExist();
    }

    @Test
    void installedBinariesFallbackStartsPostgres15(@TempDir Path parent) throws Exception {
        org.assertj.core.api.Assertions.assertThat(SystemBinariesServer.findBinaries()).as("no installed PostgreSQL server binaries, so "
                + "the fallback cannot be tried: run scripts/test, which installs Debian's postgresql-15").isPresent();
        Path data = Files.createTempDirectory("sigil-pg-system-");
        try (PostgresServer server = SystemBinariesServer.start(data, true, EmbeddedPostgres.throwawaySettings());
             Connection connection = server.connect("postgres");
             ResultSet result = connection.createStatement().executeQuery("SELECT current_setting('server_version_num')::int, current_setting('fsync')")) {
            result.next();
            assertThat(result.getInt(1) / 10000).isEqualTo(15);
            assertThat(result.getString(2)).isEqualTo("off");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void databaseNamesThatAreNotPlainIdentifiersAreRefused() {
        PostgresServer fake = new PostgresServer() {
            public String jdbcUrl(String database) { return "jdbc:postgresql://nowhere/" + database; }
            public String user() { return "u"; }
            public String password() { return null; }
            public String description() { return "nowhere"; }
            public void close() { }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.createDatabaseIfMissing("x; DROP DATABASE y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
