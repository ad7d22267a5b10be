package dev.sigil.fleet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.sigil.fleet.core.config.InvalidConfigException;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.pg.EmbeddedPostgresUnavailableException;
import java.io.PrintWriter;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fleet}: the operators' command for the Sigil fleet. Only {@link #main} exits the JVM; {@link #execute}
 * returns the exit code, so tests run commands in-process and read what they print.
 */
@Command(name = "fleet",
        mixinStandardHelpOptions = true,
        versionProvider = FleetCommand.Version.class,
        description = {
                "Operate the Sigil fleet: paper-trading variant runners, each with its own PostgreSQL database and grid overlay.",
                "Commands that address variants read the fleet file (--fleet, default fleet.yaml) or one database (--db)."})
public final class FleetCommand implements Runnable {

    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            MigrateCommand.class,
            GridCommand.class,
            BacktestCommand.class,
            dev.sigil.fleet.cli.data.DataCommand.class,
            dev.sigil.fleet.cli.bench.BenchCommand.class,
            DemoCommand.class,
            StatusCommand.class,
            HeartbeatCommand.class,
            BreakerCommand.class,
            CompareCommand.class,
            ReconcileCommand.class,
            ReportCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            DigestCommand.class,
            LocalDbCommand.class,
            CommandLine.HelpCommand.class,
            picocli.AutoComplete.GenerateCompletion.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Log what happens (INFO) and print stack traces of errors.")
    void verbose(boolean on) {
        verbose = on;
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(on ? Level.INFO : Level.WARN);
    }

    private static boolean verbose;

    /** Whether --verbose was given. */
    public static boolean verbose() {
        return verbose;
    }

    public static void main(String[] args) {
        // pgjdbc makes a GregorianCalendar for every connection, and the first ones made at the same time each load the
        // locale's calendar data: `fleet status` over a hundred databases spent 0.1-0.3 s of CPU on it.
        // Loaded once here, while picocli builds its model.
        Thread.ofPlatform().daemon().name("calendar-data").start(Calendar::getInstance);
        System.exit(execute(args));
    }

    /**
     * Runs {@code args} on a command line with only the subcommand they name (all of them when they name none or ask the
     * root for help): picocli builds each command's model from its annotations by reflection, 0.1-0.15 s of every
     * run for all of them.
     */
    public static int execute(String... args) {
        return commandLine(needed(args)).execute(args);
    }

    /** The whole command line. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /** The subcommands a run of {@code args} needs: the one its first word names, none for --version, else all. */
    static List<Class<?>> needed(String... args) {
        for (String argument : args) {
            if (argument.equals("-h") || argument.equals("--help")) {
                return COMMANDS;
            }
            if (!argument.startsWith("-")) {
                return COMMANDS.stream().filter(command -> command.getAnnotation(Command.class).name().equals(argument)
                        && command != CommandLine.HelpCommand.class && command != picocli.AutoComplete.GenerateCompletion.class)
                        .findFirst().<List<Class<?>>>map(List::of).orElse(COMMANDS);
            }
        }
        return List.of(args).contains("-V") || List.of(args).contains("--version") ? List.of() : COMMANDS;
    }

    static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new FleetCommand());
        subcommands.forEach(commandLine::addSubcommand);
        commandLine.setExecutionExceptionHandler(FleetCommand::handle);
        CommandLine.IParameterExceptionHandler usageErrors = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((error, args) -> {
            if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
                Optional<Integer> unknown = unknownCommand(unmatched.getCommandLine(), unmatched.getUnmatched());
                if (unknown.isPresent()) {
                    return unknown.get();
                }
            }
            return usageErrors.handleParseException(error, args);
        });
        commandLine.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult deepest = parseResult;
            while (deepest.hasSubcommand()) {
                deepest = deepest.subcommand();
            }
            return unknownCommand(deepest.commandSpec().commandLine(), deepest.unmatched())
                    .orElseGet(() -> new CommandLine.RunLast().execute(parseResult));
        });
        applyExitCodes(commandLine);
        return commandLine;
    }

    /**
     * An argument where a command with subcommands expects one of them ({@code fleet pause}, {@code fleet pause --help},
     * {@code fleet breaker frob}) is named in one line, with picocli's suggestion when it has one, and is a usage error —
     * also when {@code --help} follows it (picocli would print the parent's help and exit 0).
     */
    private static Optional<Integer> unknownCommand(CommandLine command, List<String> unmatched) {
        if (unmatched.isEmpty() || command.getSubcommands().isEmpty() || !command.getCommandSpec().positionalParameters().isEmpty()
                || unmatched.getFirst().startsWith("-")) {
            return Optional.empty();
        }
        String name = command.getCommandSpec().qualifiedName(" ");
        List<String> suggestions = new CommandLine.UnmatchedArgumentException(command, unmatched).getSuggestions().stream()
                .map(suggestion -> suggestion.replaceFirst("^" + Pattern.quote(name) + " ", "")).toList();
        List<String> commands = command.getSubcommands().keySet().stream().filter(sub -> !sub.equals("help")).toList();
        command.getErr().println(name + ": unknown command '" + unmatched.getFirst() + "'"
                + (suggestions.isEmpty() ? " (commands: " + String.join(", ", commands) + ")"
                        : " (did you mean " + String.join(" or ", suggestions) + "?)")
                + "; see " + name + " --help");
        command.getErr().flush();
        return Optional.of(ExitCodes.USAGE);
    }

    /** The same command line writing to the given streams (for tests and embedding). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }

    private static void applyExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.INTERNAL);
        commandLine.getCommandSpec().usageMessage().footer(ExitCodes.FOOTER);
        commandLine.getSubcommands().values().forEach(FleetCommand::applyExitCodes);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handle(Exception error, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int code;
        if (error instanceof InvalidConfigException) {
            err.println(error.getMessage());
            code = ExitCodes.INVALID_CONFIG;
        } else if (error instanceof Secret.SecretException) {
            err.println("fleet: " + error.getMessage());
            code = ExitCodes.INVALID_CONFIG;
        } else if (error instanceof IllegalArgumentException) {
            err.println("fleet " + qualifiedName(command) + ": " + error.getMessage());
            err.println("(see: fleet " + qualifiedName(command) + " --help)");
            code = ExitCodes.USAGE;
        } else if (error instanceof EmbeddedPostgresUnavailableException) {
            err.println("fleet: " + error.getMessage());
            code = ExitCodes.FAILED;
        } else if (dev.sigil.fleet.config.fleet.DatabaseTarget.unreachable(error)) {
            err.println("fleet " + qualifiedName(command) + ": the database server cannot be reached: " + Errors.brief(error));
            code = ExitCodes.UNREACHABLE;
        } else {
            err.println("fleet " + qualifiedName(command) + ": internal error: " + Errors.brief(error)
                    + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
            code = ExitCodes.INTERNAL;
        }
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName(" ").replaceFirst("^fleet ?", "").strip();
    }

    /** Version from the jar manifest (or "dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FleetCommand.class.getPackage().getImplementationVersion();
            return new String[] {"fleet " + (version == null ? "dev" : version), "Java " + Runtime.version()};
        }
    }

    /** Secrets never reach the terminal: every URL printed goes through this. */
    static String redact(String text) {
        return DatabaseTarget.redact(text);
    }
}
