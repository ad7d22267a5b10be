package dev.sigil.fleet.cli.grid;

import dev.sigil.fleet.cli.RunnerCommandLine;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One grid run as its own process: the variant runner, started through the same launcher systemd uses, replaying the
 * data into the run's database and exiting at its end; its log goes to a file.
 */
public final class GridChild {

    /** A replay needs little: the heap holds the indicators' windows and the open day's ledger, not the data. */
    public static final String JVM_OPTIONS = "-Xms32m -Xmx192m -XX:+UseSerialGC -Xss512k";

    private final GridRun run;
    private final DatabaseTarget database;
    private final Path log;
    private Process process;

    public GridChild(GridRun run, DatabaseTarget database, Path log) {
        this.run = run;
        this.database = database;
        this.log = log;
    }

    public void start(Path overlays, Path data, boolean skipBadFiles, boolean resumeAfterHalt) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--variant", run.name(), "--overlay", run.overlay().toAbsolutePath().toString(),
                "--market", "replay", "--data", data.toAbsolutePath().toString(), "--after-session", "exit", "--database-wait-seconds", "30"));
        run.sets().forEach(set -> arguments.addAll(List.of("--set", set)));
        if (skipBadFiles) {
            arguments.add("--skip-bad-files");
        }
        if (resumeAfterHalt) {
            arguments.add("--resume-after-halt");
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.command(RunnerCommandLine.command(JVM_OPTIONS, overlays, arguments, builder.environment()));
        // the command (its secrets are in the environment, not here) and when it started, above the runner's own lines
        Files.writeString(log, Instant.now() + " grid run " + run.name() + " into " + database.redactedUrl() + ": " + String.join(" ", builder.command())
                + System.lineSeparator());
        RunnerCommandLine.database(builder.environment(), database);
        // the HTTP server on a free port of the system's choosing: runs side by side never collide
        builder.environment().put("SIGIL_RUNNER_PORT", "-1");
        process = builder.start();
    }

    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    public GridRun run() {
        return run;
    }

    public Path log() {
        return log;
    }

    /** Where the run has got to on the candle clock (its durable resume point), if it has started. */
    public Optional<Instant> marketTime() {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT resume_after FROM scan_progress WHERE variant_id = ?")) {
            statement.setString(1, run.name());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The last lines of the run's log (to say why it failed). */
    public List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log at " + log + ": " + e.getMessage() + ")");
        }
    }
}
