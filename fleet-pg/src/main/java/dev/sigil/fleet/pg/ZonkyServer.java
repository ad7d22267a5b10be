package dev.sigil.fleet.pg;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** PostgreSQL from zonky's bundled binaries (as root, zonky runs them inside {@code unshare -U}). */
final class ZonkyServer implements PostgresServer {

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private ZonkyServer(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** @param stopAtExit stop the server when this process exits (a shutdown hook), whether or not it is closed */
    static ZonkyServer start(Path dataDirectory, boolean throwaway, Map<String, String> settings, boolean stopAtExit) throws IOException {
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(throwaway)
                .setRegisterShutdownHook(stopAtExit)
                .setPGStartupWait(Duration.ofSeconds(30));
        settings.forEach(builder::setServerConfig);
        return new ZonkyServer(builder.start(), dataDirectory);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL (bundled binaries) on port %d, data %s".formatted(postgres.getPort(), dataDirectory);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the embedded PostgreSQL on " + dataDirectory + ": " + e.getMessage(), e);
        }
    }
}
