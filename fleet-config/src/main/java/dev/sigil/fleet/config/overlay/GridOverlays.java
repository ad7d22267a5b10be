package dev.sigil.fleet.config.overlay;

import dev.sigil.fleet.core.config.ConfigLayer;
import dev.sigil.fleet.core.config.ConfigProblem;
import dev.sigil.fleet.core.config.ConfigResolver;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code grid-overlays/} directory: {@code base.yaml} with every default and one overlay per variant. A
 * variant's effective config is base + its overlay (+ {@code --set} pairs), validated in full.
 */
public final class GridOverlays {

    public static final String BASE = "base.yaml";

    private final Path directory;
    private final ConfigResolver resolver = ConfigResolver.sigil();

    public GridOverlays(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path base() {
        return directory.resolve(BASE);
    }

    /** The overlay file of a variant named by convention: {@code <variant>.yaml}. */
    public Path overlayOf(String variant) {
        return directory.resolve(variant + ".yaml");
    }

    /** The overlays in the directory (every {@code .yaml} but the base), by name. */
    public List<Path> overlays() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals(BASE))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list overlays in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Base + overlay + the run's {@code --set} pairs, validated; throws with every problem found. */
    public EffectiveConfig resolve(Path overlay, List<String> sets) {
        List<ConfigLayer> layers = new ArrayList<>();
        List<ConfigProblem> unreadable = new ArrayList<>();
        layers.add(layer(base(), unreadable));
        if (overlay != null && !overlay.normalize().equals(base().normalize())) {
            layers.add(layer(overlay, unreadable));
        }
        if (!unreadable.isEmpty()) {
            throw new InvalidConfigException(unreadable);
        }
        List<ConfigProblem> malformed = List.of();
        if (!sets.isEmpty()) {
            SetOverrides.Parsed parsed = SetOverrides.read(sets);
            layers.add(parsed.layer());
            malformed = parsed.problems();
        }
        EffectiveConfig effective;
        try {
            effective = resolver.resolve(layers);
        } catch (InvalidConfigException e) {
            List<ConfigProblem> all = new ArrayList<>(malformed);
            all.addAll(e.problems());
            throw new InvalidConfigException(all);
        }
        if (!malformed.isEmpty()) {
            throw new InvalidConfigException(malformed);
        }
        return effective;
    }

    /** Every problem of one file: the base on its own, an overlay merged over the base. */
    public List<ConfigProblem> validate(Path file) {
        try {
            resolve(file, List.of());
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems();
        }
    }

    /**
     * Every number the base and the overlays give {@code section.key} (the grid's values of it), in file order; a file
     * that cannot be read, or gives something else, adds nothing. What {@code research.shadow_exits: [grid]} shadows.
     */
    public List<Double> valuesOf(String path) {
        String[] parts = path.split("\\.", 2);
        List<Double> values = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        files.add(base());
        files.addAll(overlays());
        for (Path file : files) {
            YamlFiles.Parsed parsed = YamlFiles.read(file);
            if (parsed.ok() && parsed.tree().get(parts[0]) instanceof java.util.Map<?, ?> section && section.get(parts[1]) instanceof Number number) {
                values.add(number.doubleValue());
            }
        }
        return values;
    }

    /** The shadow exits a runner with this config follows its entries under, the grid's values read from this directory. */
    public List<dev.sigil.fleet.core.shadow.ShadowExit> shadowExits(dev.sigil.fleet.core.config.SigilConfig config) {
        return dev.sigil.fleet.core.shadow.ShadowExits.resolve(config, valuesOf("exit." + dev.sigil.fleet.core.shadow.ShadowExits.GRID_KEY));
    }

    private static ConfigLayer layer(Path file, List<ConfigProblem> unreadable) {
        YamlFiles.Parsed parsed = YamlFiles.read(file);
        if (!parsed.ok()) {
            unreadable.add(parsed.problem());
        }
        return new ConfigLayer(file.toString(), parsed.tree());
    }
}
