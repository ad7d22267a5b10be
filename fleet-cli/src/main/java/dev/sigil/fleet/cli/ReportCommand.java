package dev.sigil.fleet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
                "Write the comparison of `fleet compare` as one HTML file to open in a browser: the verdict for each pair of "
                        + "arms with its paired designs and the A/A noise floor, the paired R difference of every entry, the "
                        + "confidence sequence day by day beside the A/A one (when will we know), the figures per variant, and "
                        + "charts of each variant's equity curve and drawdown, the exit-reason mix (atr_trail vs hard_stop share) "
                        + "per variant, and the hard-stop distance per arm as a histogram.",
                "The file is self-contained (the charting library, Apache ECharts, and the data are inside it): it opens "
                        + "without a network and can be mailed or archived. Long equity curves are thinned to 2,000 points a "
                        + "variant, keeping each stretch's lowest and highest equity; the figures use every snapshot.",
                "The file is replaced atomically; its directory must exist. Exit 2 when a database is unreachable (the "
                        + "report names it and shows the others).",
                "Example: fleet report --since 2026-11-01 --out reports/november.html"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The HTML file to write (replaced if it exists).")
    Path out;

    @Mixin
    ComparisonOptions sessions;

    @Override
    public Integer call() throws Exception {
        HtmlReport.checkTarget("--out", out).ifPresent(problem -> {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        });
        Comparison comparison = sessions.read(fleet.targets());
        long bytes = HtmlReport.write(comparison, out);
        int variants = comparison.variants().size();
        spec.commandLine().getOut().printf(Locale.ROOT, "report: %s (%d variant%s, %d KB)%n", out, variants, variants == 1 ? "" : "s", (bytes + 512) / 1024);
        List<String> unreachable = comparison.unreachable();
        unreachable.forEach(line -> spec.commandLine().getErr().println("unreachable: " + line));
        return unreachable.isEmpty() ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }
}
