package dev.sigil.fleet.cli;

import dev.sigil.fleet.io.fleet.DatabaseTarget;
import dev.sigil.fleet.io.fleet.FleetFile;
import dev.sigil.fleet.io.fleet.Secret;
import dev.sigil.fleet.io.fleet.VariantTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command finds the variants it acts on: the fleet file, or one database given directly with {@code --db}
 * (which overrides the fleet file). Without {@code --variant}, a command acts on every variant of the fleet.
 */
public final class FleetOptions {

    @Option(names = "--fleet", paramLabel = "FILE", defaultValue = "fleet.yaml",
            description = "Fleet file listing the variants, their databases and overlays (default: ${DEFAULT-VALUE}).")
    Path fleetFile;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Address one variant database directly, overriding the fleet file, e.g. "
                    + "jdbc:postgresql://10.20.0.11:5432/sigil?user=sigil (password from SIGIL_DB_PASSWORD or ~/.pgpass).")
    String db;

    @Option(names = "--variant", paramLabel = "NAME", description = "Act on this variant only (repeatable). With --db, names the variant in that database.")
    List<String> variants = new ArrayList<>();

    @Option(names = "--all", description = "Act on every variant of the fleet (the default when no --variant is given).")
    boolean all;

    /** The fleet file, if one is given or present in the working directory. */
    public Optional<FleetFile> fleet() {
        if (!Files.exists(fleetFile)) {
            return Optional.empty();
        }
        return Optional.of(FleetFile.load(fleetFile));
    }

    public List<VariantTarget> targets() {
        if (all && !variants.isEmpty()) {
            throw new IllegalArgumentException("give --variant NAME or --all, not both");
        }
        if (db != null) {
            if (variants.size() > 1) {
                throw new IllegalArgumentException("--db addresses one database: give at most one --variant");
            }
            String name = variants.isEmpty() ? "db" : variants.getFirst();
            return List.of(new VariantTarget(name, null, direct(db)));
        }
        FleetFile fleet = fleet().orElseThrow(() -> new IllegalArgumentException(
                "no fleet file at " + fleetFile.toAbsolutePath() + ": pass --fleet FILE, or --db JDBC_URL for one database"));
        if (variants.isEmpty()) {
            return List.copyOf(fleet.variants().values());
        }
        return variants.stream().map(fleet::variant).toList();
    }

    static DatabaseTarget direct(String url) {
        String user = url.contains("user=") ? null : Optional.ofNullable(System.getenv("SIGIL_DB_USER")).orElse("sigil");
        return new DatabaseTarget(url, user, Secret.fromEnv("SIGIL_DB_PASSWORD"));
    }
}
