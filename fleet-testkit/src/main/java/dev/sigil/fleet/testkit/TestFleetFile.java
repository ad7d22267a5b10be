package dev.sigil.fleet.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet file for tests: variants on test databases, in the order they are added, variants whose database
 * refuses connections, and any further top-level sections. A database with a password gets a 0600
 * {@code password_file} beside the fleet file, as an operator would write it.
 */
public final class TestFleetFile {

    /** Nothing listens on port 1: connecting fails at once with "connection refused". */
    public static final String UNREACHABLE_URL = "jdbc:postgresql://127.0.0.1:1/nowhere";

    private record Variant(String name, TestDatabase database, String unreachableUrl) {
    }

    private final List<Variant> variants = new ArrayList<>();
    private final StringBuilder sections = new StringBuilder();

    public TestFleetFile variant(String name, TestDatabase database) {
        variants.add(new Variant(name, database, null));
        return this;
    }

    public TestFleetFile unreachable(String name) {
        return unreachable(name, UNREACHABLE_URL);
    }

    /** A variant whose database is at {@code jdbcUrl}, where none answers (see {@code dev.sigil.fleet.db.DeadServers}). */
    public TestFleetFile unreachable(String name, String jdbcUrl) {
        variants.add(new Variant(name, null, jdbcUrl));
        return this;
    }

    /** Top-level sections written after {@code variants}, e.g. {@code "monitor:\n  check_interval_seconds: 10\n"}. */
    public TestFleetFile sections(String yaml) {
        sections.append(yaml);
        return this;
    }

    public Path writeTo(Path file) throws IOException {
        StringBuilder yaml = new StringBuilder("variants:\n");
        for (Variant variant : variants) {
            yaml.append("  ").append(variant.name()).append(":\n");
            if (variant.database() == null) {
                yaml.append("    database: ").append(variant.unreachableUrl()).append('\n');
                continue;
            }
            TestDatabase database = variant.database();
            yaml.append("    database: ").append(database.jdbcUrl()).append('\n');
            yaml.append("    user: ").append(database.user()).append('\n');
            if (database.password() != null) {
                Path passwordFile = file.resolveSibling(file.getFileName() + "." + variant.name() + ".dbpass");
                Files.writeString(passwordFile, database.password());
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
                yaml.append("    password_file: ").append(passwordFile).append('\n');
            }
        }
        return Files.writeString(file, yaml.append(sections).toString());
    }
}
