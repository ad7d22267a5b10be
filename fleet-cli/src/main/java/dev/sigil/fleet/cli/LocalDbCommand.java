package dev.sigil.fleet.cli;

import dev.sigil.fleet.pg.EmbeddedPostgres;
import dev.sigil.fleet.pg.SigilHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "local-db", mixinStandardHelpOptions = true,
        description = {"The embedded default PostgreSQL that the demo and backtests start when given no --db. Its data "
                + "stays in $SIGIL_HOME/pg (default ~/.sigil/pg) until you remove it here.",
                "Each command starts it and stops it again (about 0.7 s of a short backtest) unless it is running: "
                        + "`fleet local-db start` keeps it up for the commands that follow, `fleet local-db stop` ends it."},
        subcommands = {LocalDbCommand.Start.class, LocalDbCommand.Status.class, LocalDbCommand.Stop.class, LocalDbCommand.Remove.class, CommandLine.HelpCommand.class})
final class LocalDbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start the embedded database and leave it running: backtests, grid backtests and the demo attach to "
                    + "it and leave it running, instead of each starting and stopping its own. Stop it with `fleet local-db stop`.",
                    "Nothing to do (exit 0) if it runs already."})
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path data = SigilHome.embeddedPostgresData();
            PrintWriter out = spec.commandLine().getOut();
            EmbeddedPostgres.Started started = EmbeddedPostgres.startLeftRunning(data);
            out.println((started.started() ? "started" : "already running") + ": pid " + started.server().pid()
                    + ", jdbc:postgresql://localhost:" + started.server().port() + "/postgres?user=postgres (data " + data + ")");
            out.println("it keeps running until `fleet local-db stop`");
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say where the embedded database lives, whether it runs (pid, port) and its size.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path data = SigilHome.embeddedPostgresData();
            PrintWriter out = spec.commandLine().getOut();
            out.println("data directory: " + data + (Files.exists(data) ? " (" + megabytes(data) + " MB)" : " (none yet)"));
            out.println(EmbeddedPostgres.running(data)
                    .map(running -> "running: pid " + running.pid() + ", jdbc:postgresql://localhost:" + running.port() + "/postgres?user=postgres")
                    .orElse("not running"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the embedded database if it runs (fast shutdown; committed data is kept).")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean stopped = EmbeddedPostgres.stop(SigilHome.embeddedPostgresData(), Duration.ofSeconds(30));
            spec.commandLine().getOut().println(stopped ? "stopped" : "was not running");
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop the embedded database and delete its data directory (all demo and backtest databases).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--yes", description = "Really delete; without it, only say what would be deleted.")
        boolean yes;

        @Override
        public Integer call() throws IOException {
            Path data = SigilHome.embeddedPostgresData();
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(data)) {
                out.println("nothing to remove: " + data + " does not exist");
                return ExitCodes.OK;
            }
            if (!yes) {
                out.println("would delete " + data + " (" + megabytes(data) + " MB); rerun with --yes to delete it");
                return ExitCodes.FAILED;
            }
            EmbeddedPostgres.stop(data, Duration.ofSeconds(30));
            Directories.deleteTree(data);
            out.println("deleted " + data);
            return ExitCodes.OK;
        }
    }

    static long megabytes(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum() / (1024 * 1024);
        }
    }
}
