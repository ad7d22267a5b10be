package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.research.ArmComparison;
import dev.sigil.fleet.core.research.VariantMetrics;
import dev.sigil.fleet.io.db.FanOut;
import dev.sigil.fleet.io.fleet.VariantTarget;
import dev.sigil.fleet.io.report.VariantReport;
import dev.sigil.fleet.io.research.ResearchReader;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
        List<Read> reads = FanOut.map(fleet.targets(), target -> read(target, from, to, by));
        List<Read> found = reads.stream().filter(read -> read.report() != null).toList();
        List<VariantReport> reports = found.stream().map(Read::report).toList();
        List<String> unreachable = reads.stream().map(Read::error).filter(java.util.Objects::nonNull).toList();
        List<ArmComparison.Arm> arms = Research.arms(found.stream().map(Read::research).toList());
        List<ArmComparison.Pair> verdicts = ArmComparison.standard().compare(arms);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("by", by);
            json.put("variants", found.stream().map(read -> Research.json(read.report(), read.research())).toList());
            json.put("arms", arms.stream().map(arm -> Map.of("value", arm.name(), "variants", arm.variants(), "trades", arm.trades().size())).toList());
            json.put("comparisons", verdicts.stream().map(Research::json).toList());
            out.println(Json.write(json));
        } else {
            out.println(reports.isEmpty() ? "no sessions to compare" : Reports.comparison(reports));
            if (!reports.isEmpty()) {
                out.println(Research.metrics(found.stream().map(Read::research).toList()));
                out.println(Reports.endings(reports));
                out.println(Research.verdicts(by, arms, verdicts));
            }
        }
        unreachable.forEach(line -> spec.commandLine().getErr().println("unreachable: " + line));
        return unreachable.isEmpty() ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }

    /** One variant's report and research figures (null when it has no session in range), or why its database could not be read. */
    private record Read(VariantReport report, Research.Variant research, String error) {
    }

    private static Read read(VariantTarget target, Instant from, Instant to, String key) {
        try (Connection connection = target.database().connect();
             PreparedStatement range = connection.prepareStatement(
                     "SELECT min(id), max(id) FROM sessions WHERE variant_id = ? AND started_at >= ? AND (?::timestamptz IS NULL OR started_at < ?)")) {
            range.setString(1, target.name());
            range.setTimestamp(2, Timestamp.from(from));
            range.setTimestamp(3, to == null ? null : Timestamp.from(to));
            range.setTimestamp(4, to == null ? null : Timestamp.from(to));
            try (ResultSet row = range.executeQuery()) {
                row.next();
                if (row.getObject(1) == null) {
                    return new Read(null, null, null);
                }
                VariantReport report = VariantReport.ofSessions(connection, target.name(), row.getLong(1), row.getLong(2));
                ResearchReader read = ResearchReader.read(connection, target.name(), from, to, key);
                return new Read(report, new Research.Variant(read, VariantMetrics.of(read.trades(), read.curve()), report.stops()), null);
            }
        } catch (Exception e) {
            return new Read(null, null, target.name() + ": " + Errors.brief(e));
        }
    }
}
