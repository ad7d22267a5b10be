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
                "Then the verdict, in R per entry (realized P&L after fees ÷ (entry − initial hard stop) × quantity; dollars "
                        + "are shown, never judged: arms that risk different stakes differ in dollars whatever their stops do). The "
                        + "entries are grouped into arms by the value of --by (default exit.hard_stop_multiplier: the 1.5× and 2.5× "
                        + "arms) and each pair of arms is measured three ways: shadow pairs (one runner's entry under both exits, "
                        + "the one it held and a shadow exit followed on the same candles: the verdict's design), shared entries "
                        + "(two variants' positions on the same signal candle) and portfolio days (daily return in %% of equity, "
                        + "paired by UTC day). Variants of the same arm are compared alike: the A/A noise floor.",
                "Each figure has an always-valid 95 %% confidence sequence, so the verdict may be read every day: '<arm> better "
                        + "by X R/trade' once the interval leaves zero, 'no significant difference' once it fits inside ± "
                        + "research.minimum_effect_r (0.05 R), else 'insufficient evidence' with about how many more paired entries "
                        + "it takes at the current effect. At least 30 pairs before any verdict.",
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
