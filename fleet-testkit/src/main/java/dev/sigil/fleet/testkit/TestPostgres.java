package dev.sigil.fleet.testkit;

import dev.sigil.fleet.pg.EmbeddedPostgres;
import dev.sigil.fleet.pg.EmbeddedPostgresUnavailableException;
import dev.sigil.fleet.pg.PostgresServer;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL every test in this JVM uses, chosen once: {@code SIGIL_TEST_PG_URL} (environment variable or
 * system property) if set, else Testcontainers {@code postgres:15} if a Docker engine answers, else the embedded
 * server. Each test class gets its own fresh database on it; databases made on an external server are dropped
 * when the JVM ends, the others go with their throwaway server.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "SIGIL_TEST_PG_URL";

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ConcurrentHashMap<Class<?>, TestDatabase> BY_CLASS = new ConcurrentHashMap<>();
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static volatile PostgresServer server;
    private static volatile boolean dropOnExit;

    /** Where the test server came from. */
    public enum Source { EXTERNAL_URL, TESTCONTAINERS, EMBEDDED }

    private TestPostgres() {
    }

    /** The database of {@code testClass}, made on first use. */
    public static TestDatabase databaseFor(Class<?> testClass) {
        return BY_CLASS.computeIfAbsent(testClass, TestPostgres::freshDatabase);
    }

    /** A new, empty database, whatever the test class. */
    public static TestDatabase freshDatabase(Class<?> owner) {
        return createOn(server(), owner.getSimpleName());
    }

    /** Creates a fresh database on {@code on}; exposed so each fixture path can be tested against a given server. */
    static TestDatabase createOn(PostgresServer on, String hint) {
        String name = "t_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").replaceAll("^(.{0,40}).*$", "$1")
                + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        try {
            on.createDatabaseIfMissing(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + on.description() + ": " + e.getMessage(), e);
        }
        CREATED.add(name);
        return new TestDatabase(name, on.jdbcUrl(name), on.user(), on.password());
    }

    public static synchronized PostgresServer server() {
        if (server == null) {
            server = start(chooseSource());
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::shutdown, "test-postgres-shutdown"));
        }
        return server;
    }

    public static Source chooseSource() {
        if (externalUrl() != null) {
            return Source.EXTERNAL_URL;
        }
        return ContainerServer.dockerAnswers() ? Source.TESTCONTAINERS : Source.EMBEDDED;
    }

    static String externalUrl() {
        String url = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
        return url == null || url.isBlank() ? null : url;
    }

    private static PostgresServer start(Source source) {
        try {
            PostgresServer started = switch (source) {
                case EXTERNAL_URL -> new ExternalServer(externalUrl());
                case TESTCONTAINERS -> ContainerServer.start();
                case EMBEDDED -> EmbeddedPostgres.throwaway();
            };
            dropOnExit = source == Source.EXTERNAL_URL;
            LOG.info("tests use {}", started.description());
            return started;
        } catch (EmbeddedPostgresUnavailableException e) {
            throw new IllegalStateException("Tests need PostgreSQL 15 and none could be found. Set " + URL_VARIABLE
                    + "=jdbc:postgresql://HOST:PORT/postgres?user=U&password=P, start a Docker engine, or let the"
                    + " embedded server run. " + e.getMessage(), e);
        }
    }

    private static void shutdown() {
        PostgresServer current = server;
        if (current == null) {
            return;
        }
        if (dropOnExit) {
            for (String name : CREATED) {
                try {
                    current.dropDatabaseIfExists(name);
                } catch (SQLException e) {
                    LOG.warn("could not drop test database {}: {}", name, e.getMessage());
                }
            }
        }
        current.close();
    }
}
