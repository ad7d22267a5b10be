package dev.sigil.fleet.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
                "Compare the variants side by side over their sessions (all, or those started in --since..--until): trades, the "
                        + "exit-reason mix (atr_trail vs hard_stop share), the hard-stop distance, win rate, average win and loss and "
                        + "their ratio, expectancy in USD and in R, profit factor, SQN, max drawdown, Sharpe and Sortino of daily "
                        + "returns, losing streak, time in market, HALTs and breaker trips; and how their sessions ended.",
                "Then the verdict: the variants are grouped into arms by the value of --by (default exit.hard_stop_multiplier: "
                        + "the 1.5× and 2.5× arms) and each pair of arms is compared — the difference of expectancy per trade with "
                        + "a 95 % bootstrap interval (10,000 resamples, fixed seed), a permutation-test p-value (Holm-corrected "
                        + "with more than two arms) and the daily P&L difference paired by UTC day. Fewer than 30 trades in an "
                        + "arm: 'insufficient evidence', with how many more the observed spread needs.",
                "Exit 2 when a database is unreachable (the others are still compared)."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Option(names = "--since", paramLabel = "DATE", description = "Only sessions started on or after this UTC date (YYYY-MM-DD).")
    LocalDate since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only sessions started before this UTC date (YYYY-MM-DD).")
    LocalDate until;

    @Option(names = "--by", paramLabel = "KEY", defaultValue = "exit.hard_stop_multiplier",
            description = "The config key whose value makes the arms (default: ${DEFAULT-VALUE}).")
    String by;

    @Override
    public Integer call() throws Exception {
        if (!by.matches("[a-z_]+\\.[a-z_]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by '" + by + "' is not a config key (section.key, e.g. exit.hard_stop_multiplier)");
        }
        Instant from = since == null ? Instant.EPOCH : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = until == null ? null : until.atStartOfDay(ZoneOffset.UTC).toInstant();
        Comparison comparison = Comparison.of(fleet.targets(), from, to, by);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(comparison.json()));
        } else {
            comparison.print(out);
        }
        List<String> unreachable = comparison.unreachable();
        unreachable.forEach(line -> spec.commandLine().getErr().println("unreachable: " + line));
        return unreachable.isEmpty() ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }
}
