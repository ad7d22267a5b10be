package dev.sigil.fleet.pg;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A running PostgreSQL server this process can create databases on: the embedded one, a Testcontainers one or an
 * external one. Closing it stops the server only if this process started it.
 */
public interface PostgresServer extends AutoCloseable {

    Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** A JDBC URL for {@code database} on this server, without credentials. */
    String jdbcUrl(String database);

    String user();

    String password();

    /** What this server is, for logs and error messages (never contains a password). */
    String description();

    default Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        if (password() != null) {
            properties.setProperty("password", password());
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Creates {@code database} unless it exists; the name must be a plain lower-case identifier. */
    default void createDatabaseIfMissing(String database) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: '" + database + "'");
        }
        try (Connection connection = connect("postgres");
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** Drops {@code database} if it exists, closing other sessions on it first. */
    default void dropDatabaseIfExists(String database) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: '" + database + "'");
        }
        try (Connection connection = connect("postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Override
    void close();
}
