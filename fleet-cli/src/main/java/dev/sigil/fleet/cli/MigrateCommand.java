package dev.sigil.fleet.cli;

import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.VariantTarget;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {
                "Apply the schema migrations (Flyway, forward only) to every variant database, or to those named.",
                "Each database is handled on its own, several at a time (--parallel): one that fails does not stop the others. Safe to rerun.",
                "Exit 1 when a migration failed, 2 when a database could not be reached (2 wins).",
                "Upgrade order for a running fleet: fleet migrate, then restart the runners (a runner refuses to start on a "
                        + "database behind its code and says so)."},
        subcommands = MigrateInfoCommand.class)
public final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    /** How many databases are migrated at once by default. */
    public static final int PARALLEL = 8;

    @picocli.CommandLine.Option(names = "--parallel", paramLabel = "N", defaultValue = "" + PARALLEL,
            description = "Migrate at most N databases at once (default: ${DEFAULT-VALUE}). Migrations are DDL, mostly the "
                    + "server's CPU: on one server, many more at once than it has cores only queue up.")
    int parallel;

    /** One database's outcome; {@code unreachable} when the error is that it could not be reached. */
    record Row(String variant, String database, String from, String to, int applied, long millis, String error, boolean unreachable) {
    }

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1 (it was " + parallel + ")");
        }
        List<VariantTarget> targets = fleet.targets();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("migrating %s%n", targets.size() == 1 ? targets.getFirst().name() + " " + targets.getFirst().database().redactedUrl()
                : targets.size() + " databases, " + Math.min(parallel, targets.size()) + " at once: " + String.join(", ", targets.stream().map(VariantTarget::name).toList()));
        err.flush();
        List<Row> rows = FanOut.map(targets, parallel, MigrateCommand::migrate);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(rows));
        } else {
            out.println(Tables.render(List.of("variant", "database", "from", "to", "applied#", "took(ms)", "result"),
                    rows.stream().map(row -> List.of(row.variant(), row.database(), row.from(), row.to(),
                            Integer.toString(row.applied()), Long.toString(row.millis()),
                            row.error() == null ? "ok" : (row.unreachable() ? "UNREACHABLE: " : "FAILED: ") + row.error())).toList()));
        }
        List<String> unreachable = rows.stream().filter(Row::unreachable).map(Row::variant).toList();
        List<String> failed = rows.stream().filter(row -> row.error() != null && !row.unreachable()).map(Row::variant).toList();
        if (!failed.isEmpty()) {
            err.println("migration failed for: " + String.join(", ", failed));
        }
        if (!unreachable.isEmpty()) {
            err.println("database unreachable for: " + String.join(", ", unreachable));
            return ExitCodes.UNREACHABLE;
        }
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static Row migrate(VariantTarget target) {
        long start = System.nanoTime();
        try {
            SchemaMigrator.Migrated migrated = new SchemaMigrator(target.database()).migrate();
            return new Row(target.name(), target.database().redactedUrl(), migrated.fromVersion(), migrated.toVersion(),
                    migrated.applied(), migrated.took().toMillis(), null, false);
        } catch (RuntimeException e) {
            return new Row(target.name(), target.database().redactedUrl(), "?", "?", 0, (System.nanoTime() - start) / 1_000_000, Errors.brief(e),
                    DatabaseTarget.unreachable(e));
        }
    }
}
