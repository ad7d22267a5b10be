package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.VariantTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command finds the variants it acts on: the fleet file, or one database given directly with {@code --db}
 * (which overrides the fleet file). Without {@code --variant}, a command acts on every variant of the fleet.
 */
public final class FleetOptions {

    @Mixin
    TargetOptions where;

    @Option(names = "--variant", paramLabel = "NAME", description = "Act on this variant only (repeatable). With --db, names the variant in that database.")
    List<String> variants = new ArrayList<>();

    @Option(names = "--all", description = "Act on every variant of the fleet (the default when no --variant is given).")
    boolean all;

    public Optional<FleetFile> fleet() {
        return where.fleet();
    }

    public List<VariantTarget> targets() {
        if (all && !variants.isEmpty()) {
            throw new IllegalArgumentException("give --variant NAME or --all, not both");
        }
        if (where.direct()) {
            if (variants.size() > 1) {
                throw new IllegalArgumentException("--db addresses one database: give at most one --variant");
            }
            return List.of(where.target(variants.isEmpty() ? "db" : variants.getFirst()));
        }
        FleetFile fleet = where.requireFleet();
        if (variants.isEmpty()) {
            return List.copyOf(fleet.variants().values());
        }
        return variants.stream().map(fleet::variant).toList();
    }
}
