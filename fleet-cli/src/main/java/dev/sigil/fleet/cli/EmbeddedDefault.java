package dev.sigil.fleet.cli;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.db.SchemaVersion;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.pg.EmbeddedPostgres;
import dev.sigil.fleet.pg.PostgresServer;
import dev.sigil.fleet.pg.SigilHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The embedded default: the local PostgreSQL under {@code $SIGIL_HOME/pg} that commands start when given no
 * database. The databases they make there are named for their purpose and made fresh for each run.
 */
public final class EmbeddedDefault implements AutoCloseable {

    /** Template databases are named this and a checksum of the schema's migrations. */
    static final String TEMPLATE_PREFIX = "sigil_template_";
    private static final long TEMPLATE_LOCK = 0x5167_1117_7e3b_1a7eL;

    private final PostgresServer server;

    private EmbeddedDefault(PostgresServer server) {
        this.server = server;
    }

    public static EmbeddedDefault start(PrintWriter progress) {
        Path data = SigilHome.embeddedPostgresData();
        progress.println(EmbeddedPostgres.running(data).isPresent() ? "using the embedded PostgreSQL running on " + data + " (it stays running)"
                : "starting the embedded PostgreSQL (data in " + data + "; `fleet local-db start` keeps one running between commands)");
        progress.flush();
        PostgresServer server = EmbeddedPostgres.persistent(data);
        progress.println("  " + server.description());
        progress.flush();
        return new EmbeddedDefault(server);
    }

    /**
     * Drops and re-creates {@code name} at the latest schema, and returns how to reach it: a copy of a template database
     * migrated once per schema (named after a checksum of the migrations' SQL, made by the first command that needs
     * it, older ones dropped), so a backtest does not pay for Flyway and the migrations each run.
     */
    public DatabaseTarget freshDatabase(String name) throws SQLException {
        String template = template();
        server.dropDatabaseIfExists(name);
        try (Connection admin = maintenance().connect(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        }
        return new DatabaseTarget(server.jdbcUrl(name), server.user(), Secret.none());
    }

    /** The migrated template database of the shipped schema, made under a lock if it is not there yet. */
    private String template() throws SQLException {
        String template = TEMPLATE_PREFIX + checksum(String.join("\n", SchemaVersion.shippedSql()));
        try (Connection admin = maintenance().connect(); Statement sql = admin.createStatement()) {
            // one maker at a time (a lock of the maintenance database's session, released with it)
            sql.execute("SELECT pg_advisory_lock(" + TEMPLATE_LOCK + ")");
            List<String> templates = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + TEMPLATE_PREFIX + "%'")) {
                while (rows.next()) {
                    templates.add(rows.getString(1));
                }
            }
            for (String old : templates) {
                if (!old.equals(template)) {
                    sql.execute("ALTER DATABASE " + old + " IS_TEMPLATE false");
                    sql.execute("DROP DATABASE IF EXISTS " + old + " WITH (FORCE)");
                }
            }
            if (!templates.contains(template)) {
                String making = template + "_making";
                sql.execute("DROP DATABASE IF EXISTS " + making + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + making);
                new SchemaMigrator(new DatabaseTarget(server.jdbcUrl(making), server.user(), Secret.none())).migrate();
                // renamed once whole: a template that exists is migrated
                sql.execute("ALTER DATABASE " + making + " RENAME TO " + template);
                sql.execute("ALTER DATABASE " + template + " IS_TEMPLATE true");
            }
        }
        return template;
    }

    private static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
