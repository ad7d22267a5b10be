package dev.sigil.fleet.cli;

import dev.sigil.fleet.io.fleet.DatabaseTarget;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the CLI starts a runner in its own JVM (the demo, the bench): through the distribution's launcher
 * {@code bin/sigil-runner} — the same one systemd runs, with its own classpath {@code lib/runner} — when the CLI runs
 * from a distribution; from a build tree without one (the module's tests), the runner's main class on this JVM's
 * classpath.
 */
public final class RunnerCommandLine {

    private RunnerCommandLine() {
    }

    /** The distribution this CLI runs from: the directory holding bin/ and lib/ (its jar is in lib/cli). */
    public static Optional<Path> distribution() {
        try {
            Path jar = Path.of(RunnerCommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path cli = jar.getParent();
            if (cli == null || !cli.getFileName().toString().equals("cli") || cli.getParent() == null) {
                return Optional.empty();
            }
            Path home = cli.getParent().getParent();
            return home != null && Files.isExecutable(home.resolve("bin/sigil-runner")) ? Optional.of(home) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Points a runner's environment at {@code database} the way systemd's env file does (URL, user, password), and
     * drops an inherited {@code SIGIL_DB_PASSWORD_FILE}, which the runner would read instead of the password given.
     */
    public static void database(Map<String, String> environment, DatabaseTarget database) {
        environment.put("SIGIL_DB_URL", database.url());
        environment.put("SIGIL_DB_USER", database.user() == null ? "" : database.user());
        environment.put("SIGIL_DB_PASSWORD", database.password().reveal().orElse(""));
        environment.remove("SIGIL_DB_PASSWORD_FILE");
    }

    /**
     * The command that starts a runner with {@code jvmOptions} and {@code arguments}; {@code environment} receives
     * what the launcher reads (its JVM options and overlays directory) and loses an inherited {@code SIGIL_CDS_ARCHIVE}.
     */
    public static List<String> command(String jvmOptions, Path overlays, List<String> arguments, Map<String, String> environment) {
        // runners started together must not share an inherited class-data archive (the JVM rewrites it in place):
        // a caller that wants one sets its own after this
        environment.remove("SIGIL_CDS_ARCHIVE");
        List<String> command = new ArrayList<>();
        Optional<Path> home = distribution();
        if (home.isPresent()) {
            command.add(home.get().resolve("bin/sigil-runner").toString());
            environment.put("SIGIL_RUNNER_JAVA_OPTS", jvmOptions);
            environment.put("SIGIL_OVERLAYS", overlays.toAbsolutePath().toString());
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of(jvmOptions.split(" ")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sigil.fleet.runner.RunnerApplication",
                    "--overlays", overlays.toAbsolutePath().toString()));
        }
        command.addAll(arguments);
        return command;
    }

    /**
     * The command that runs the fleet CLI itself with {@code arguments} in a new JVM, as a user starts it: the
     * distribution's {@code bin/fleet}, or from a build tree this JVM's classpath and {@link FleetCommand}.
     */
    public static List<String> fleetCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        Optional<Path> home = distribution();
        if (home.isPresent()) {
            command.add(home.get().resolve("bin/fleet").toString());
        } else {
            command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                    FleetCommand.class.getName()));
        }
        command.addAll(arguments);
        return command;
    }
}
