package dev.sigil.fleet.cli.installed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus' {@code promtool} (Debian's prometheus package; {@code scripts/test} unpacks it to
 * ~/.cache/sigil/promtool and exports SIGIL_PROMTOOL): lints what an endpoint exposes the way Prometheus reads it.
 */
final class Promtool {

    private Promtool() {
    }

    static Optional<Path> find() {
        String given = System.getenv("SIGIL_PROMTOOL");
        if (given != null && !given.isBlank()) {
            Path path = Path.of(given);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("SIGIL_PROMTOOL=" + given + " is not an executable");
            }
            return Optional.of(path);
        }
        Stream<Path> candidates = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "promtool")),
                Stream.of(Path.of(System.getProperty("user.home"), ".cache/sigil/promtool/promtool")));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    /**
     * The promtool these checks run, or a failure that says where to get it: a check that cannot run must not pass
     * having run nothing.
     */
    static Path require() {
        return find().orElseThrow(() -> new AssertionError("promtool not found (PATH, ~/.cache/sigil/promtool or SIGIL_PROMTOOL): "
                + "run scripts/test, which unpacks it from Debian's prometheus package (no root needed), or set SIGIL_PROMTOOL"));
    }

    /** {@code promtool check metrics} over {@code exposition}: its exit code and what it said. */
    static String checkMetrics(Path promtool, String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool hung");
        }
        return process.exitValue() == 0 ? "" : "exit " + process.exitValue() + ": " + said;
    }

    /** {@code promtool ARGS...} in {@code directory}: empty when it exits 0, else its exit code and what it said. */
    static String run(Path directory, String... arguments) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(require().toString());
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool hung");
        }
        return process.exitValue() == 0 ? "" : "exit " + process.exitValue() + ": " + said;
    }
}
