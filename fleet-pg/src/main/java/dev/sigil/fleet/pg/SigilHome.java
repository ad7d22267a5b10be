package dev.sigil.fleet.pg;

import java.nio.file.Path;

/**
 * The directory where Sigil keeps what it makes on this machine: {@code $SIGIL_HOME}, else {@code ~/.sigil}.
 * Nothing under it is removed unless the user asks ({@code fleet local-db remove}).
 */
public final class SigilHome {

    private SigilHome() {
    }

    public static Path directory() {
        String configured = System.getenv("SIGIL_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".sigil");
    }

    /** The data directory of the embedded default PostgreSQL. */
    public static Path embeddedPostgresData() {
        return directory().resolve("pg");
    }
}
