package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.io.db.SchemaMigrator;
import dev.sigil.fleet.io.fleet.DatabaseTarget;
import dev.sigil.fleet.io.fleet.Secret;
import dev.sigil.fleet.io.overlay.ConfigJson;
import dev.sigil.fleet.io.overlay.GridOverlays;
import dev.sigil.fleet.pg.EmbeddedPostgres;
import dev.sigil.fleet.pg.PostgresServer;
import dev.sigil.fleet.pg.SigilHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Run the fleet locally with nothing installed: starts the embedded PostgreSQL (data in $SIGIL_HOME/pg, "
                        + "default ~/.sigil/pg), makes one fresh database per variant (sigil_demo_<variant>), migrates them "
                        + "and resolves every variant's overlay, then prints the grid.",
                "Remove the data with: fleet local-db remove --yes"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlaysDirectory;

    @Override
    public Integer call() throws SQLException {
        PrintWriter err = spec.commandLine().getErr();
        GridOverlays overlays = new GridOverlays(overlaysDirectory);
        List<Path> variants = overlays.overlays();
        err.println("[1/3] starting the embedded PostgreSQL in " + SigilHome.embeddedPostgresData());
        err.flush();
        try (PostgresServer server = EmbeddedPostgres.persistent(SigilHome.embeddedPostgresData())) {
            err.println("      " + server.description());
            List<List<String>> rows = new ArrayList<>();
            int step = 0;
            for (Path overlay : variants) {
                String variant = overlay.getFileName().toString().replace(".yaml", "");
                err.printf("[2/3] variant %s (%d/%d): resolving overlay, creating and migrating sigil_demo_%s%n", variant, ++step, variants.size(), variant);
                err.flush();
                EffectiveConfig effective = overlays.resolve(overlay, List.of());
                String database = "sigil_demo_" + variant.replace('-', '_');
                server.dropDatabaseIfExists(database);
                server.createDatabaseIfMissing(database);
                DatabaseTarget target = new DatabaseTarget(server.jdbcUrl(database), server.user(), Secret.none());
                SchemaMigrator.Migrated migrated = new SchemaMigrator(target).migrate();
                var config = effective.config();
                rows.add(List.of(variant, database, "v" + migrated.toVersion(),
                        Double.toString(config.exit().hardStopMultiplier()), Double.toString(config.sizing().riskPerTradeUsd()),
                        Integer.toString(config.entry().maxOpenPositions()), Double.toString(config.entry().cooldownHours()),
                        ConfigJson.hash(ConfigJson.json(effective)).substring(0, 12)));
            }
            err.println("[3/3] done");
            spec.commandLine().getOut().println(Tables.render(
                    List.of("variant", "database", "schema", "hard stop ATR×", "risk/trade$", "max open#", "cooldown h", "config hash"), rows));
        }
        return ExitCodes.OK;
    }
}
