package dev.sigil.fleet.cli;

import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.VariantTarget;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {
                "Show each variant database's schema version against the code's migrations.",
                "Exit 1 when a database is behind (run: fleet migrate), 2 when one cannot be reached."})
final class MigrateInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    /** One database's schema state: current, behind, or unreachable. */
    record Row(String variant, String database, String current, String latest, int pending, String state, String error) {
    }

    @Override
    public Integer call() {
        List<Row> rows = FanOut.map(fleet.targets(), MigrateInfoCommand::row);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(rows));
        } else {
            out.println(Tables.render(List.of("variant", "database", "version", "latest", "pending#", "state"),
                    rows.stream().map(row -> List.of(row.variant(), row.database(), row.current(), row.latest(),
                            Integer.toString(row.pending()), row.error() == null ? row.state() : row.state() + ": " + row.error())).toList()));
        }
        if (rows.stream().anyMatch(row -> row.error() != null)) {
            return ExitCodes.UNREACHABLE;
        }
        List<String> behind = rows.stream().filter(row -> row.pending() > 0).map(Row::variant).toList();
        if (!behind.isEmpty()) {
            spec.commandLine().getErr().println("behind the code: " + String.join(", ", behind) + " — run: fleet migrate"
                    + (behind.size() == 1 ? " --variant " + behind.getFirst() : ""));
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private static Row row(VariantTarget target) {
        try {
            SchemaMigrator.Status status = new SchemaMigrator(target.database()).status();
            return new Row(target.name(), target.database().redactedUrl(), status.currentVersion(), status.latestVersion(),
                    status.pending(), status.current() ? "current" : "behind", null);
        } catch (RuntimeException e) {
            return new Row(target.name(), target.database().redactedUrl(), "?", "?", 0, "unreachable", Errors.brief(e));
        }
    }
}
