package dev.sigil.fleet.cli;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.pg.EmbeddedPostgres;
import dev.sigil.fleet.pg.PostgresServer;
import dev.sigil.fleet.pg.SigilHome;
import java.io.PrintWriter;
import java.sql.SQLException;

/**
 * The embedded default: the local PostgreSQL under {@code $SIGIL_HOME/pg} that commands start when given no
 * database. The databases they make there are named for their purpose and made fresh for each run.
 */
public final class EmbeddedDefault implements AutoCloseable {

    private final PostgresServer server;

    private EmbeddedDefault(PostgresServer server) {
        this.server = server;
    }

    public static EmbeddedDefault start(PrintWriter progress) {
        progress.println("starting the embedded PostgreSQL (data in " + SigilHome.embeddedPostgresData() + ")");
        progress.flush();
        PostgresServer server = EmbeddedPostgres.persistent(SigilHome.embeddedPostgresData());
        progress.println("  " + server.description());
        progress.flush();
        return new EmbeddedDefault(server);
    }

    /** Drops and re-creates {@code name}, migrates it, and returns how to reach it. */
    public DatabaseTarget freshDatabase(String name) throws SQLException {
        server.dropDatabaseIfExists(name);
        server.createDatabaseIfMissing(name);
        DatabaseTarget target = new DatabaseTarget(server.jdbcUrl(name), server.user(), Secret.none());
        new SchemaMigrator(target).migrate();
        return target;
    }

    /** How to reach {@code name}, which is not created or migrated here. */
    public DatabaseTarget existing(String name) {
        return new DatabaseTarget(server.jdbcUrl(name), server.user(), Secret.none());
    }

    /** The server's maintenance database, to make and drop databases with. */
    public DatabaseTarget maintenance() {
        return new DatabaseTarget(server.jdbcUrl("postgres"), server.user(), Secret.none());
    }

    public String jdbcUrl(String database) {
        return server.jdbcUrl(database) + "?user=" + server.user();
    }

    @Override
    public void close() {
        server.close();
    }
}
