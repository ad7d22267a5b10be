package dev.sigil.fleet.config.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where one variant's database is and how to log in. The password is a {@link Secret}, never part of the URL;
 * {@link #toString()} and {@link #redactedUrl()} are safe to log.
 */
public record DatabaseTarget(String url, String user, Secret password) {

    /**
     * How long {@link #connect()} may take, TCP connect and login together (pgjdbc's {@code loginTimeout}). The variant
     * databases sit on the same LAN as the monitor and the CLI, where a login takes milliseconds; 1.5 s still covers one
     * lost SYN (the first retransmission comes after 1 s) and a slow login, and bounds what a dead database costs: a
     * refused connection fails at once, a server that accepts but never answers and a host that drops packets give up
     * after this long. Commands and the monitor contact their databases concurrently ({@link dev.sigil.fleet.db.FanOut}),
     * so a command over any number of variants waits about this long for the dead ones, once.
     */
    public static final java.time.Duration LOGIN_TIMEOUT = java.time.Duration.ofMillis(1500);

    /** The same bound in whole seconds, rounded up, where an API takes seconds (TCP connect; data sources for Flyway). */
    public static final int CONNECT_TIMEOUT_SECONDS = (int) Math.ceil(LOGIN_TIMEOUT.toMillis() / 1000.0);

    public DatabaseTarget {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a variant database URL must start with jdbc:postgresql:, got '" + redact(url) + "'");
        }
    }

    /** A connection within {@link #LOGIN_TIMEOUT}, so an unreachable database fails fast. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties());
    }

    /** A data source with the timeout in whole seconds ({@link #CONNECT_TIMEOUT_SECONDS}), for libraries that take one (Flyway). */
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
        properties.setProperty("loginTimeout", Double.toString(LOGIN_TIMEOUT.toMillis() / 1000.0));
        properties.setProperty("ApplicationName", "sigil-fleet");
        return properties;
    }

    /**
     * Whether {@code failure} means the database could not be reached — nothing listening, no answer within the
     * timeout, an unknown host: a connection-class SQL state ({@code 08...}) or a socket error anywhere in its causes —
     * as opposed to a database that answered and refused (wrong password, no such database) or a statement that failed.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof java.net.SocketException || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
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
