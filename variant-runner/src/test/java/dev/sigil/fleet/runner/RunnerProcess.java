package dev.sigil.fleet.runner;

import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A variant runner in its own JVM (the way systemd runs it), on a test database, logging to a file. */
final class RunnerProcess implements AutoCloseable {

    final Process process;
    final Path log;
    final int port;

    private RunnerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static RunnerProcess start(TestDatabase database, String... args) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", RunnerApplication.class.getName(),
                "--overlays", RepoFiles.gridOverlays().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("sigil-runner-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SIGIL_DB_URL", database.jdbcUrl());
        env.put("SIGIL_DB_USER", database.user());
        env.put("SIGIL_DB_PASSWORD", database.password() == null ? "" : database.password());
        env.put("SIGIL_RUNNER_PORT", Integer.toString(port));
        return new RunnerProcess(builder.start(), log, port);
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
