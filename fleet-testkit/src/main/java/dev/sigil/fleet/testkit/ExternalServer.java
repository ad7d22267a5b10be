package dev.sigil.fleet.testkit;

import dev.sigil.fleet.pg.PostgresServer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server the developer or CI provides by URL ({@code SIGIL_TEST_PG_URL}), e.g.
 * {@code jdbc:postgresql://db.lan:5432/postgres?user=sigil&password=...}. The user must be allowed to create
 * databases; the fixture makes one per test class and drops it at the end of the run.
 */
final class ExternalServer implements PostgresServer {

    private final String host;
    private final String user;
    private final String password;

    ExternalServer(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("SIGIL_TEST_PG_URL must be a jdbc:postgresql:// URL, got '" + redact(url) + "'");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> query = parseQuery(uri.getRawQuery());
        this.host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        this.user = query.getOrDefault("user", System.getProperty("user.name"));
        this.password = query.get("password");
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + "/" + database;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String description() {
        return "external PostgreSQL at " + host + " as " + user;
    }

    @Override
    public void close() {
    }
}
