package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.overlay.GridOverlays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the grid overlays are: {@code --overlays DIR}, else the fleet file's {@code overlays}, else
 * {@code ./grid-overlays}. A variant is named (its overlay is found through the fleet file or as
 * {@code DIR/<name>.yaml}) or given as a path to a YAML file.
 */
public final class OverlayOptions {

    @Option(names = "--fleet", paramLabel = "FILE", defaultValue = "fleet.yaml",
            description = "Fleet file; its overlay paths are used when present (default: ${DEFAULT-VALUE}).")
    Path fleetFile;

    @Option(names = "--overlays", paramLabel = "DIR", description = "Directory holding base.yaml and the overlays (default: the fleet file's, else ./grid-overlays).")
    Path directory;

    public GridOverlays overlays() {
        if (directory != null) {
            return new GridOverlays(directory);
        }
        return fleet().map(fleet -> new GridOverlays(fleet.overlays())).orElseGet(() -> new GridOverlays(Path.of("grid-overlays")));
    }

    /** The overlay file of a variant name or path. */
    public Path overlayOf(String variantOrFile) {
        Path asFile = Path.of(variantOrFile);
        if (variantOrFile.endsWith(".yaml") || variantOrFile.endsWith(".yml") || Files.isRegularFile(asFile)) {
            return asFile;
        }
        Optional<Path> fromFleet = fleet().filter(fleet -> fleet.variants().containsKey(variantOrFile))
                .map(fleet -> fleet.variant(variantOrFile).overlay());
        Path overlay = fromFleet.orElseGet(() -> overlays().overlayOf(variantOrFile));
        if (!Files.isRegularFile(overlay)) {
            throw new IllegalArgumentException("no overlay for variant '" + variantOrFile + "' (looked for " + overlay + "); known overlays: "
                    + String.join(", ", overlays().overlays().stream().map(path -> path.getFileName().toString().replace(".yaml", "")).toList()));
        }
        return overlay;
    }

    private Optional<FleetFile> fleet() {
        return Files.exists(fleetFile) ? Optional.of(FleetFile.load(fleetFile)) : Optional.empty();
    }
}
