package dev.sigil.fleet.cli;

import dev.sigil.fleet.cli.demo.DemoFleet;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Run the whole fleet locally with nothing installed, in about two minutes: the embedded PostgreSQL with four "
                        + "fresh databases (data in $SIGIL_HOME/demo and $SIGIL_HOME/pg, default ~/.sigil), the four variant runners "
                        + "as separate processes on the same seeded synthetic market (one-minute candles, paced), the monitor with a "
                        + "local fake Discord that prints what would be posted.",
                "Midway it kills one runner with -9 to show the dead-man alert and the circuit breaker trip, restarts it (the "
                        + "aborted session is closed, the replay resumes, the monitor sends its recovery notice), and ends with "
                        + "fleet status and a comparison of the variants. Remove the data with: fleet local-db remove --yes"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlays;

    @Option(names = "--candles", paramLabel = "N", defaultValue = "5000", description = "One-minute candles per symbol each runner trades through (default: ${DEFAULT-VALUE}).")
    long candles;

    @Option(names = "--pace", paramLabel = "TICKS", defaultValue = "100", description = "Candles per symbol per second of the runners' replay (default: ${DEFAULT-VALUE}).")
    double pace;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the synthetic market (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kill", paramLabel = "VARIANT", defaultValue = "unhinged", description = "The runner killed midway (default: ${DEFAULT-VALUE}; 'none' to skip).")
    String victim;

    @Override
    public Integer call() throws Exception {
        return new DemoFleet(spec.commandLine().getOut(), (out, arguments) -> FleetCommand.commandLine(out, out).execute(arguments), overlays, candles, pace, seed, victim).run();
    }
}
