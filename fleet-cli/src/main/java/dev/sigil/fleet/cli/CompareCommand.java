package dev.sigil.fleet.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
                "Compare the variants side by side over their sessions (all, or those started in --since..--until): trades, the "
                        + "exit-reason mix (atr_trail vs hard_stop share), the hard-stop distance, win rate, average win and loss and "
                        + "their ratio, expectancy in USD and in R, profit factor, SQN, max drawdown, Sharpe and Sortino of daily "
                        + "returns, losing streak, time in market, HALTs and breaker trips; and how their sessions ended.",
                "Then the verdict: the variants are grouped into arms by the value of --by (default exit.hard_stop_multiplier: "
                        + "the 1.5× and 2.5× arms) and each pair of arms is compared — the difference of expectancy per trade with "
                        + "a 95 %% bootstrap interval (10,000 resamples, fixed seed), a permutation-test p-value (Holm-corrected "
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

    @Mixin
    ComparisonOptions sessions;

    @Override
    public Integer call() throws Exception {
        Comparison comparison = sessions.read(fleet.targets());
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
