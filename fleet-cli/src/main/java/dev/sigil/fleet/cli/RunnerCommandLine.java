package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
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
 * from a distribution; from a build tree without one (the module's tests), the runner's main class on the classpath
 * the variant-runner module's build wrote.
 */
public final class RunnerCommandLine {

    /** The runner's main class (the variant-runner service's), which the CLI starts but does not link against. */
    static final String RUNNER_MAIN = "dev.sigil.fleet.runner.RunnerApplication";
    /** The CLI's main class, FleetCommand: named, not imported, so that the commands do not import their own root. */
    static final String FLEET_MAIN = "dev.sigil.fleet.cli.FleetCommand";

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
            command.addAll(List.of("-cp", builtRunnerClasspath(), RUNNER_MAIN, "--overlays", overlays.toAbsolutePath().toString()));
        }
        command.addAll(arguments);
        return command;
    }

    /**
     * The runner's classpath in the build tree this CLI runs from: the variant-runner module's classes and the runtime
     * classpath its build wrote (target/runner-classpath.txt), the same jars its distribution ships as lib/runner.
     */
    static String builtRunnerClasspath() {
        Path module = buildTree().map(root -> root.resolve("variant-runner/target")).orElse(null);
        Path classpath = module == null ? null : module.resolve("runner-classpath.txt");
        if (classpath == null || !Files.isRegularFile(classpath) || !Files.isDirectory(module.resolve("classes"))) {
            throw new IllegalStateException("no distribution and no built runner to start: build it with "
                    + "./mvnw -q -DskipTests -pl variant-runner -am package (./fleet builds both)");
        }
        try {
            return module.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpath).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + classpath, e);
        }
    }

    /** The source tree this CLI's classes were built in (its classes in fleet-cli/target/classes), if it runs from one. */
    private static Optional<Path> buildTree() {
        try {
            Path classes = Path.of(RunnerCommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = classes.getParent() == null || classes.getParent().getParent() == null ? null : classes.getParent().getParent().getParent();
            return root != null && Files.isDirectory(root.resolve("variant-runner")) ? Optional.of(root) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The command that runs the fleet CLI itself with {@code arguments} in a new JVM, as a user starts it: the
     * distribution's {@code bin/fleet}, or from a build tree this JVM's classpath and the CLI's main class.
     */
    public static List<String> fleetCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        Optional<Path> home = distribution();
        if (home.isPresent()) {
            command.add(home.get().resolve("bin/fleet").toString());
        } else {
            command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                    FLEET_MAIN));
        }
        command.addAll(arguments);
        return command;
    }
}
