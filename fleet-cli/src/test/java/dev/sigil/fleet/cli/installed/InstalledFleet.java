package dev.sigil.fleet.cli.installed;

import dev.sigil.fleet.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fleet as an operator installs it: {@code systemd/install.sh} run into a staging root ({@code DESTDIR}), and its
 * services started the way their units start them — the unit's {@code ExecStart} line and {@code EnvironmentFile},
 * with /opt/sigil, /etc/sigil and /var/lib/sigil under the staging root. Needs the distribution built by
 * {@code package} (these are failsafe tests: they run after it).
 */
final class InstalledFleet {

    private static InstalledFleet staged;

    final Path root;

    private InstalledFleet(Path root) {
        this.root = root;
    }

    /** Installs once per JVM (a runner and the monitor), as {@code install.sh --runner baseline --monitor} does. */
    static synchronized InstalledFleet stage() throws IOException, InterruptedException {
        if (staged == null) {
            Path root = Files.createTempDirectory("sigil-installed-");
            ProcessBuilder install = new ProcessBuilder(RepoFiles.root().resolve("systemd/install.sh").toString(),
                    "--runner", "baseline", "--runner", "aggressive", "--monitor").redirectErrorStream(true);
            install.environment().put("DESTDIR", root.toString());
            Process process = install.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("install.sh failed (build the distribution first: ./mvnw package):\n" + output);
            }
            staged = new InstalledFleet(root);
        }
        return staged;
    }

    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** Runs the installed {@code fleet} command; returns its exit code and output. */
    Result fleet(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(path("/opt/sigil/bin/fleet").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("fleet " + String.join(" ", arguments) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    record Result(int exitCode, String output) {
    }

    /**
     * Starts {@code unit} (instance {@code instance} of a template) as systemd would: its ExecStart, its
     * EnvironmentFile over its Environment= lines, its CacheDirectory, then {@code overrides} (what an operator writes
     * into the env file); output to a log file.
     */
    Service start(String unit, String instance, Map<String, String> overrides) throws IOException {
        Path unitFile = path("/etc/systemd/system/" + unit);
        List<String> command = null;
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> unitEnvironment = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unitFile)) {
            if (line.startsWith("ExecStart=")) {
                command = new ArrayList<>();
                for (String word : line.substring("ExecStart=".length()).trim().split("\\s+")) {
                    command.add(staged(word.replace("%i", instance)));
                }
            } else if (line.startsWith("Environment=")) {
                String assignment = line.substring("Environment=".length()).trim().replace("%i", instance);
                unitEnvironment.put(assignment.substring(0, assignment.indexOf('=')), staged(assignment.substring(assignment.indexOf('=') + 1)));
            } else if (line.startsWith("EnvironmentFile=")) {
                environment.putAll(readEnvironment(path(line.substring("EnvironmentFile=".length()).trim().replace("%i", instance))));
            } else if (line.startsWith("CacheDirectory=")) {
                Files.createDirectories(path("/var/cache/" + line.substring("CacheDirectory=".length()).trim()));
            }
        }
        // as systemd: what the environment file sets wins over the unit's Environment= lines
        unitEnvironment.forEach(environment::putIfAbsent);
        if (command == null) {
            throw new IllegalStateException(unitFile + " has no ExecStart");
        }
        environment.putAll(overrides);
        Path log = Files.createTempFile(root, unit.replace("@.service", "-" + instance).replace(".service", ""), ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(path("/var/lib/sigil").toFile());
        builder.environment().putAll(environment);
        return new Service(builder.start(), log, command);
    }

    private String staged(String word) {
        for (String prefix : List.of("/opt/sigil", "/etc/sigil", "/var/lib/sigil", "/var/cache/sigil")) {
            if (word.startsWith(prefix)) {
                return path(word).toString();
            }
        }
        return word;
    }

    private static Map<String, String> readEnvironment(Path file) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            environment.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
        }
        return environment;
    }

    /** A started service: its process, its log, the command it was started with. */
    record Service(Process process, Path log, List<String> command) implements AutoCloseable {

        String output() throws IOException {
            return Files.readString(log);
        }

        /** Waits for the process to end; returns its exit code, or fails with its log. */
        int awaitExit(int seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("still running after " + seconds + " s: " + command + "\n" + output());
            }
            return process.exitValue();
        }

        /** SIGKILL, the way a crash or the OOM killer ends it. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
