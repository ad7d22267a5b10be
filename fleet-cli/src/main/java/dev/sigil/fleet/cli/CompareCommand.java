package dev.sigil.fleet.cli;

import dev.sigil.fleet.io.db.FanOut;
import dev.sigil.fleet.io.fleet.VariantTarget;
import dev.sigil.fleet.io.report.VariantReport;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
                "Compare the variants side by side over their sessions (all, or those started since --since): trades, the "
                        + "exit-reason mix (atr_trail vs hard_stop share), win rate, average win and loss and their ratio, "
                        + "expectancy, realized P&L, equity; and how their sessions ended.",
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

    @Override
    public Integer call() throws Exception {
        Instant from = since == null ? Instant.EPOCH : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Read> reads = FanOut.map(fleet.targets(), target -> read(target, from));
        List<VariantReport> reports = reads.stream().map(Read::report).filter(java.util.Objects::nonNull).toList();
        List<String> unreachable = reads.stream().map(Read::error).filter(java.util.Objects::nonNull).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(reports.stream().map(Reports::json).toList()));
        } else {
            out.println(reports.isEmpty() ? "no sessions to compare" : Reports.comparison(reports));
            if (!reports.isEmpty()) {
                out.println(Reports.endings(reports));
            }
        }
        unreachable.forEach(line -> spec.commandLine().getErr().println("unreachable: " + line));
        return unreachable.isEmpty() ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }

    /** One variant's report (null when it has no session in range), or why its database could not be read. */
    private record Read(VariantReport report, String error) {
    }

    private static Read read(VariantTarget target, Instant from) {
        try (Connection connection = target.database().connect();
             PreparedStatement range = connection.prepareStatement("SELECT min(id), max(id) FROM sessions WHERE variant_id = ? AND started_at >= ?")) {
            range.setString(1, target.name());
            range.setTimestamp(2, Timestamp.from(from));
            try (ResultSet row = range.executeQuery()) {
                row.next();
                return new Read(row.getObject(1) == null ? null : VariantReport.ofSessions(connection, target.name(), row.getLong(1), row.getLong(2)), null);
            }
        } catch (Exception e) {
            return new Read(null, target.name() + ": " + Errors.brief(e));
        }
    }
}
