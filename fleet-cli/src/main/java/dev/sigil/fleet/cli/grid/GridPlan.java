package dev.sigil.fleet.cli.grid;

import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.config.overlay.ConfigJson;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.session.VariantRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which runs a grid backtest makes: each variant over the same data, or each value of one key swept on one variant.
 * Every run's config is resolved and validated here, before any process starts, so a bad sweep value is refused
 * with the key and its allowed range instead of failing in a child.
 */
public final class GridPlan {

    private static final Pattern SWEEP = Pattern.compile("([a-z_]+\\.[a-z_]+)=(.+)");

    private GridPlan() {
    }

    /** A parsed {@code --sweep KEY=v1,v2,...}. */
    public record Sweep(String key, List<String> values) {

        public static Sweep parse(String text) {
            var matcher = SWEEP.matcher(text.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--sweep '" + text + "' is not KEY=v1,v2,... (e.g. --sweep exit.hard_stop_multiplier=1.5,2.0,2.5)");
            }
            Set<String> values = new LinkedHashSet<>();
            for (String value : matcher.group(2).split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
            if (values.size() < 2) {
                throw new IllegalArgumentException("--sweep " + matcher.group(1) + " needs at least two distinct values, comma-separated");
            }
            return new Sweep(matcher.group(1), List.copyOf(values));
        }

        /**
         * Whether one replay can measure every value: a key of the exit section (but its ATR interval), which shadow exits
         * follow on the same entries; any other key changes what is entered, so each value needs its own replay.
         */
        public boolean byShadows() {
            return key.startsWith("exit.") && !key.equals("exit.atr_interval");
        }

        /** The shadow exits of the other values, as {@code research.shadow_exits} takes them. */
        String shadowExits() {
            String exitKey = key.substring("exit.".length());
            return "research.shadow_exits=[" + String.join(", ", values.subList(1, values.size()).stream().map(value -> exitKey + "=" + value).toList()) + "]";
        }
    }

    /**
     * The runs: one per variant, or with a sweep one per value on the single variant given — except a sweep of an exit
     * key ({@link Sweep#byShadows}), which is one run with the first value whose shadow exits follow every entry under
     * the others (unless {@code replayPerValue}): the values compared on identical entries, at the cost of one replay.
     *
     * @param dataSets the pairs the data decides (universe, interval), before the user's
     * @param userSets the user's {@code --set} pairs, applied to every run
     * @param dataAndCode what else the result depends on (the data's and the code's digests, the run options)
     */
    public static List<GridRun> plan(GridOverlays grid, List<String> variants, Sweep sweep, boolean replayPerValue, List<String> dataSets,
                                     List<String> userSets, String dataAndCode) {
        List<String> names = variants.isEmpty() ? grid.overlays().stream().map(GridPlan::nameOf).toList() : variants;
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no variant overlays in " + grid.directory() + " (expected NAME.yaml beside base.yaml)");
        }
        if (sweep != null && names.size() != 1) {
            throw new IllegalArgumentException("--sweep varies one key on one variant: give exactly one --variant NAME (given: "
                    + (variants.isEmpty() ? "none" : String.join(", ", variants)) + ")");
        }
        List<GridRun> runs = new ArrayList<>();
        for (String variant : names) {
            Path overlay = grid.overlayOf(variant);
            if (!Files.isRegularFile(overlay)) {
                throw new IllegalArgumentException("no overlay for variant '" + variant + "' at " + overlay);
            }
            if (sweep == null) {
                runs.add(run(grid, variant, overlay, sets(dataSets, userSets, List.of()), dataAndCode));
            } else if (sweep.byShadows() && !replayPerValue) {
                runs.add(run(grid, sweepName(variant, "sweep"), overlay,
                        sets(dataSets, userSets, List.of(sweep.key() + "=" + sweep.values().getFirst(), sweep.shadowExits())), dataAndCode));
            } else {
                for (String value : sweep.values()) {
                    String name = sweepName(variant, value);
                    runs.add(run(grid, name, overlay, sets(dataSets, userSets, List.of(sweep.key() + "=" + value)), dataAndCode));
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (GridRun run : runs) {
            if (!seen.add(run.database())) {
                throw new IllegalArgumentException("two runs would share the database " + run.database() + " (" + run.name() + "); give distinct variants or values");
            }
        }
        return runs;
    }

    /** A sweep run's name: the variant and the value, in the characters a variant name allows ({@code baseline-2_5}). */
    static String sweepName(String variant, String value) {
        String suffix = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        String name = variant + "-" + (suffix.isEmpty() ? "value" : suffix);
        if (name.length() > 40) {
            name = name.substring(0, 40);
        }
        if (!VariantRunner.VARIANT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cannot name the run of " + variant + " with " + value + " (" + name + ")");
        }
        return name;
    }

    private static List<String> sets(List<String> dataSets, List<String> userSets, List<String> sweepSets) {
        List<String> sets = new ArrayList<>();
        for (String set : dataSets) {
            String key = set.substring(0, set.indexOf('='));
            if (userSets.stream().noneMatch(user -> user.startsWith(key + "="))) {
                sets.add(set);
            }
        }
        sets.addAll(userSets);
        sets.addAll(sweepSets);
        return List.copyOf(sets);
    }

    private static GridRun run(GridOverlays grid, String name, Path overlay, List<String> sets, String dataAndCode) {
        EffectiveConfig effective = grid.resolve(overlay, sets);
        String json = ConfigJson.json(effective);
        return new GridRun(name, overlay, sets, ConfigJson.hash(json + "\n" + dataAndCode));
    }

    private static String nameOf(Path overlay) {
        String file = overlay.getFileName().toString();
        return file.substring(0, file.length() - ".yaml".length());
    }
}
