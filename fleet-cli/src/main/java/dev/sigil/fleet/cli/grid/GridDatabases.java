package dev.sigil.fleet.cli.grid;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases of a grid backtest on one PostgreSQL server (the embedded default or one named by {@code --db-server}):
 * one per run, made fresh for it. A finished run's fingerprint is kept as the database's comment, so a re-run with the
 * same data, config and code finds it and skips the run.
 */
public final class GridDatabases {

    private static final Pattern JDBC = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");
    private static final String MARK = "sigil grid run ";

    private final DatabaseTarget server;

    /** @param server a connection to the server's maintenance database (e.g. {@code jdbc:postgresql://host:5432/postgres}) */
    public GridDatabases(DatabaseTarget server) {
        Matcher url = JDBC.matcher(server.url());
        if (!url.matches()) {
            throw new IllegalArgumentException("--db-server '" + server.redactedUrl() + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/postgres)");
        }
        this.server = server;
    }

    /** The fingerprint a finished run left on its database, if the database exists and has one. */
    public Optional<String> finishedFingerprint(String database) throws SQLException {
        try (Connection connection = server.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || row.getString(1) == null || !row.getString(1).startsWith(MARK)) {
                    return Optional.empty();
                }
                return Optional.of(row.getString(1).substring(MARK.length()));
            }
        }
    }

    /** Drops {@code database} if it exists (also with sessions connected), creates it and migrates it. */
    public DatabaseTarget fresh(String database) throws SQLException {
        plain(database);
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        DatabaseTarget target = target(database);
        new SchemaMigrator(target).migrate();
        return target;
    }

    /** Records that the run finished with {@code fingerprint}. */
    public void markFinished(String database, String fingerprint) throws SQLException {
        plain(database);
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("COMMENT ON DATABASE " + database + " IS '" + MARK + fingerprint.replaceAll("[^0-9a-f]", "") + "'");
        }
    }

    /** How to reach {@code database} on this server, with the server's user and password. */
    public DatabaseTarget target(String database) {
        Matcher url = JDBC.matcher(server.url());
        if (!url.matches()) {
            throw new IllegalStateException("checked in the constructor");
        }
        return new DatabaseTarget(url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3)), server.user(), server.password());
    }

    private static void plain(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: '" + database + "'");
        }
    }
}
