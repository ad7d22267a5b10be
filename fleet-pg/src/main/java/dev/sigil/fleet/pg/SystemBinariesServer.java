package dev.sigil.fleet.pg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the server binaries installed on the machine (Debian's {@code /usr/lib/postgresql/N/bin}).
 * PostgreSQL refuses to run as root, so as root every command runs as the {@code postgres} user, and the data
 * directory is handed to that user.
 */
final class SystemBinariesServer implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(SystemBinariesServer.class);
    private static final Path DEBIAN_INSTALLS = Path.of("/usr/lib/postgresql");
    private static final int PREFERRED_MAJOR = 15;

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final boolean throwaway;
    private final boolean asPostgresUser;

    private SystemBinariesServer(Path binaries, Path dataDirectory, int port, boolean throwaway, boolean asPostgresUser) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.throwaway = throwaway;
        this.asPostgresUser = asPostgresUser;
    }

    static SystemBinariesServer start(Path dataDirectory, boolean throwaway, Map<String, String> settings) throws IOException {
        Path binaries = findBinaries().orElseThrow(() -> new IOException(
                "no PostgreSQL server binaries under " + DEBIAN_INSTALLS + " (apt-get install postgresql-15)"));
        boolean asPostgresUser = isRoot();
        Files.createDirectories(dataDirectory);
        if (asPostgresUser) {
            UserPrincipal postgres = dataDirectory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dataDirectory, postgres);
        }
        int port = freePort();
        var server = new SystemBinariesServer(binaries, dataDirectory, port, throwaway, asPostgresUser);
        if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            server.run("initdb", "-D", dataDirectory.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        }
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port), "-h", "127.0.0.1", "-k", dataDirectory.toString()));
        settings.forEach((key, value) -> options.add("-c " + key + "=" + value));
        server.run("pg_ctl", "-D", dataDirectory.toString(), "-w", "-t", "60", "-l", dataDirectory.resolve("server.log").toString(),
                "-o", String.join(" ", options), "start");
        LOG.info("started {}", server.description());
        return server;
    }

    static Optional<Path> findBinaries() throws IOException {
        if (!Files.isDirectory(DEBIAN_INSTALLS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_INSTALLS)) {
            return versions
                    .filter(dir -> Files.isExecutable(dir.resolve("bin/initdb")) && Files.isExecutable(dir.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(SystemBinariesServer::preference))
                    .map(dir -> dir.resolve("bin"));
        }
    }

    private static int preference(Path versionDirectory) {
        try {
            int major = Integer.parseInt(versionDirectory.getFileName().toString());
            return major == PREFERRED_MAJOR ? Integer.MAX_VALUE : major;
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within 90 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(program + " failed (exit " + process.exitValue() + "): " + output.strip());
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
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
        return "PostgreSQL (installed binaries %s) on port %d, data %s".formatted(binaries, port, dataDirectory);
    }

    @Override
    public void close() {
        try {
            run("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop");
            if (throwaway) {
                deleteRecursively(dataDirectory);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not stop " + description() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
