package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.config.fleet.VariantTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where variant databases are: the fleet file, or one database given directly with {@code --db} (which wins). */
public final class TargetOptions {

    @Option(names = "--fleet", paramLabel = "FILE", defaultValue = "fleet.yaml",
            description = "Fleet file listing the variants, their databases and overlays (default: ${DEFAULT-VALUE}).")
    Path fleetFile;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Address one variant database directly, overriding the fleet file, e.g. "
                    + "jdbc:postgresql://10.20.0.11:5432/sigil?user=sigil (password from SIGIL_DB_PASSWORD or ~/.pgpass).")
    String db;

    /** The fleet file, if one is given or present in the working directory. */
    public Optional<FleetFile> fleet() {
        return Files.exists(fleetFile) ? Optional.of(FleetFile.load(fleetFile)) : Optional.empty();
    }

    public FleetFile requireFleet() {
        return fleet().orElseThrow(() -> new IllegalArgumentException(
                "no fleet file at " + fleetFile.toAbsolutePath() + ": pass --fleet FILE, or --db JDBC_URL for one database"));
    }

    boolean direct() {
        return db != null;
    }

    /** The variant named {@code name}: its database from --db, else from the fleet file. */
    public VariantTarget target(String name) {
        if (db != null) {
            return new VariantTarget(name, null, direct(db));
        }
        return requireFleet().variant(name);
    }

    static DatabaseTarget direct(String url) {
        String user = url.contains("user=") ? null : Optional.ofNullable(System.getenv("SIGIL_DB_USER")).orElse("sigil");
        return new DatabaseTarget(url, user, Secret.fromEnv("SIGIL_DB_PASSWORD"));
    }
}
