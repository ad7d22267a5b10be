package dev.sigil.fleet.io.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where one variant's database is and how to log in. The password is a {@link Secret}, never part of the URL;
 * {@link #toString()} and {@link #redactedUrl()} are safe to log.
 */
public record DatabaseTarget(String url, String user, Secret password) {

    public static final int CONNECT_TIMEOUT_SECONDS = 5;

    public DatabaseTarget {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a variant database URL must start with jdbc:postgresql:, got '" + redact(url) + "'");
        }
    }

    /** A connection with short connect and login timeouts, so an unreachable database fails fast. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties());
    }

    /** A data source with the same timeouts, for libraries that take one (Flyway, connection pools). */
    public javax.sql.DataSource dataSource() {
        var source = new org.postgresql.ds.PGSimpleDataSource();
        source.setURL(url);
        if (user != null) {
            source.setUser(user);
        }
        password.reveal().ifPresent(source::setPassword);
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setApplicationName("sigil-fleet");
        return source;
    }

    public Properties properties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        password.reveal().ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "sigil-fleet");
        return properties;
    }

    public String redactedUrl() {
        return redact(url);
    }

    public static String redact(String url) {
        return url == null ? "null" : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + redactedUrl() + " as " + user + ", password " + password.source() + "]";
    }
}
