package dev.sigil.fleet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of {@code fleet}, on the command line {@code main} builds for these arguments (only the
 * subcommand they name): its exit code and everything it printed.
 */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = FleetCommand.commandLine(FleetCommand.needed(args));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
