package dev.sigil.fleet.cli.demo;

import dev.sigil.fleet.cli.RunnerCommandLine;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A variant runner in its own JVM, started the way systemd starts it, logging to a file; it can be killed with -9. */
final class DemoRunnerProcess {

    private final String variant;
    private final DatabaseTarget database;
    private final Path overlays;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    DemoRunnerProcess(String variant, DatabaseTarget database, Path overlays, List<String> arguments, Path log) {
        this.variant = variant;
        this.database = database;
        this.overlays = overlays;
        this.arguments = arguments;
        this.log = log;
    }

    void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> runnerArguments = new ArrayList<>(List.of("--variant", variant));
        runnerArguments.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.command(RunnerCommandLine.command(dev.sigil.fleet.cli.bench.BenchCommand.RUNNER_JVM_OPTIONS, overlays, runnerArguments,
                builder.environment()));
        RunnerCommandLine.database(builder.environment(), database);
        builder.environment().put("SIGIL_RUNNER_PORT", Integer.toString(port));
        process = builder.start();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no session end — the way a crash or the OOM killer ends a process. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    void stop() {
        if (alive()) {
            process.destroy();
        }
    }

    String variant() {
        return variant;
    }

    Path log() {
        return log;
    }
}
