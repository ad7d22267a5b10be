package dev.sigil.fleet.testkit;

import dev.sigil.fleet.pg.PostgresServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** PostgreSQL 15 in a Testcontainers container, where a Docker engine answers. */
final class ContainerServer implements PostgresServer {

    private final PostgreSQLContainer<?> container;

    private ContainerServer(PostgreSQLContainer<?> container) {
        this.container = container;
    }

    static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerServer start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15")
                .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off");
        container.start();
        return new ContainerServer(container);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String description() {
        return "Testcontainers postgres:15 at " + container.getHost() + ":" + container.getMappedPort(5432);
    }

    @Override
    public void close() {
        container.stop();
    }
}
