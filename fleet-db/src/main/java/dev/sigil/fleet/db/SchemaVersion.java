package dev.sigil.fleet.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a database stands against the migrations shipped in this jar, read without Flyway: the versions of the
 * {@code V<n>__*.sql} files under {@code db/migration} against the successful rows of {@code flyway_schema_history}.
 * The runner's start-up check: the same answer as {@link SchemaMigrator#status()} for what the runner asks (is
 * anything pending?), without loading and configuring Flyway (a tenth of a second and some 5 MB of classes in a
 * process that never migrates). {@code fleet migrate} and {@code fleet migrate info} keep using Flyway.
 */
public final class SchemaVersion {

    private static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");
    private static final Comparator<String> BY_VERSION = (a, b) -> {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            long x = i < left.length ? Long.parseLong(left[i]) : 0;
            long y = i < right.length ? Long.parseLong(right[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    };

    private SchemaVersion() {
    }

    /** The versions of the migrations shipped, oldest first ("1", "2", ... "10"). */
    public static List<String> shipped() {
        TreeMap<String, String> files = shippedFiles();
        if (files.isEmpty()) {
            // never "nothing pending" for want of a list: that would let a runner start on a database behind its code
            throw new IllegalStateException("no migrations found under " + LOCATION + " on the classpath (a broken installation?)");
        }
        return new ArrayList<>(files.keySet());
    }

    /**
     * The SQL of the migrations shipped, oldest first: what Flyway applies, read raw (the bench's floor for
     * {@code fleet migrate}: the same statements with none of the tool around them).
     */
    public static List<String> shippedSql() {
        List<String> sql = new ArrayList<>();
        for (String name : shippedFiles().values()) {
            try (var in = SchemaVersion.class.getClassLoader().getResourceAsStream(LOCATION + "/" + name)) {
                sql.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the migration " + name + " shipped in " + LOCATION, e);
            }
        }
        return sql;
    }

    /** The migration files shipped, by version, oldest first: version ("1", "1.1", ...) to file name. */
    private static TreeMap<String, String> shippedFiles() {
        TreeMap<String, String> byVersion = new TreeMap<>(BY_VERSION);
        try {
            Enumeration<URL> roots = SchemaVersion.class.getClassLoader().getResources(LOCATION);
            while (roots.hasMoreElements()) {
                for (String name : names(roots.nextElement())) {
                    Matcher matcher = VERSIONED.matcher(name);
                    if (matcher.matches()) {
                        byVersion.put(matcher.group(1).replace('_', '.'), name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations shipped in " + LOCATION, e);
        }
        return byVersion;
    }

    private static List<String> names(URL root) throws IOException {
        if ("jar".equals(root.getProtocol())) {
            List<String> names = new ArrayList<>();
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().startsWith(LOCATION + "/") && !entry.isDirectory()) {
                        names.add(entry.getName().substring(LOCATION.length() + 1));
                    }
                }
            }
            return names;
        }
        try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (URISyntaxException e) {
            throw new IOException("not a directory: " + root, e);
        }
    }

    /** The database's standing: its newest successful version ("none" before the first) and what is pending. */
    public static SchemaMigrator.Status of(Connection connection) throws SQLException {
        List<String> shipped = shipped();
        String latest = shipped.getLast();
        Set<String> applied = new TreeSet<>(BY_VERSION);
        try (Statement sql = connection.createStatement()) {
            boolean exists;
            try (ResultSet row = sql.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
                exists = row.next() && row.getBoolean(1);
            }
            if (exists) {
                try (ResultSet rows = sql.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
                    while (rows.next()) {
                        applied.add(rows.getString(1));
                    }
                }
            }
        }
        String current = applied.isEmpty() ? "none" : ((TreeSet<String>) applied).last();
        int pending = (int) shipped.stream().filter(version -> !applied.contains(version)
                && ("none".equals(current) || BY_VERSION.compare(version, current) > 0)).count();
        return new SchemaMigrator.Status(current, latest, pending, List.of());
    }
}
