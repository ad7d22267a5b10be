package dev.sigil.fleet.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output instead of a table, for scripts. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print JSON instead of a table (for scripts).")
    boolean json;

    public boolean json() {
        return json;
    }
}
