package dev.sigil.fleet.core.shadow;

import dev.sigil.fleet.core.config.ConfigSchema;
import dev.sigil.fleet.core.config.CrossChecked;
import dev.sigil.fleet.core.config.ExitSettings;
import dev.sigil.fleet.core.config.KeySpec;
import dev.sigil.fleet.core.config.SigilConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which exit configurations a runner's entries are shadowed under ({@code research.shadow_exits}). Each item is either
 * {@code grid} — every other value of {@code exit.hard_stop_multiplier} found in the grid's overlays — or exit keys with
 * values ({@code hard_stop_multiplier=2.5,trail_atr_multiplier=3}) applied to the runner's own exit section. A shadow
 * cannot change {@code exit.atr_interval} (the runner keeps one stop ATR per symbol); a configuration equal to the
 * runner's own, or to one already listed, is left out.
 */
public final class ShadowExits {

    /** The item that stands for every other value of the grid's key. */
    public static final String GRID = "grid";
    /** The key the grid's arms differ by (design decision D1). */
    public static final String GRID_KEY = "hard_stop_multiplier";

    private ShadowExits() {
    }

    /** What is wrong with the explicit items of {@code research.shadow_exits}, reported on that key. */
    public static List<CrossChecked.CrossProblem> problems(SigilConfig config) {
        List<CrossChecked.CrossProblem> problems = new ArrayList<>();
        for (String item : config.research().shadowExits()) {
            if (!GRID.equals(item)) {
                String problem = parse(item, config.exit()).problem();
                if (problem != null) {
                    problems.add(new CrossChecked.CrossProblem("research.shadow_exits", item, problem));
                }
            }
        }
        return problems;
    }

    /**
     * The shadows of a runner with this config.
     *
     * @param gridValues every value of {@code exit.hard_stop_multiplier} in the grid (base and overlays), for {@code grid}
     */
    public static List<ShadowExit> resolve(SigilConfig config, Collection<Double> gridValues) {
        Map<ExitSettings, ShadowExit> shadows = new LinkedHashMap<>();
        for (String item : config.research().shadowExits()) {
            boolean grid = GRID.equals(item);
            List<String> items = grid ? new TreeSet<>(gridValues).stream().map(value -> GRID_KEY + "=" + number(value)).toList() : List.of(item);
            for (String one : items) {
                Parsed parsed = parse(one, config.exit());
                if (parsed.problem() != null) {
                    if (grid) {
                        continue; // a value out of range is its overlay's problem, refused where that overlay is used
                    }
                    throw new IllegalArgumentException("research.shadow_exits '" + one + "': " + parsed.problem());
                }
                if (!parsed.exit().equals(config.exit())) {
                    shadows.putIfAbsent(parsed.exit(), new ShadowExit(one, parsed.exit()));
                }
            }
        }
        return List.copyOf(shadows.values());
    }

    /** An item applied to an exit section: the section, or what is wrong with the item. */
    record Parsed(ExitSettings exit, String problem) {
    }

    static Parsed parse(String item, ExitSettings own) {
        ConfigSchema schema = ConfigSchema.sigil();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String pair : item.split(",")) {
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length != 2) {
                return new Parsed(null, "'" + pair + "' is not KEY=VALUE");
            }
            String key = keyValue[0].trim();
            if ("atr_interval".equals(key)) {
                return new Parsed(null, "a shadow cannot change exit.atr_interval (the runner keeps one stop ATR per symbol)");
            }
            KeySpec spec = schema.key("exit." + key).orElse(null);
            if (spec == null) {
                return new Parsed(null, "exit." + key + " is not an exit key (known: " + String.join(", ",
                        schema.paths().stream().filter(path -> path.startsWith("exit.") && !path.equals("exit.atr_interval")).toList()) + ")");
            }
            double value;
            try {
                value = Double.parseDouble(keyValue[1].trim());
            } catch (NumberFormatException e) {
                return new Parsed(null, "exit." + key + " = '" + keyValue[1].trim() + "' is not a number");
            }
            KeySpec.Coerced coerced = spec.coerce(value);
            if (!coerced.ok()) {
                return new Parsed(null, "exit." + key + " = " + keyValue[1].trim() + " " + coerced.problem());
            }
            values.put(spec.component().getName(), coerced.value());
        }
        ExitSettings exit = with(own, values);
        List<CrossChecked.CrossProblem> broken = exit.crossProblems();
        return broken.isEmpty() ? new Parsed(exit, null)
                : new Parsed(null, "exit." + broken.getFirst().key() + " = " + broken.getFirst().value() + " " + broken.getFirst().problem());
    }

    /** The exit section with some components replaced (by component name). */
    private static ExitSettings with(ExitSettings own, Map<String, Object> replaced) {
        RecordComponent[] components = ExitSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = replaced.containsKey(components[i].getName()) ? replaced.get(components[i].getName())
                        : components[i].getAccessor().invoke(own);
            }
            return ExitSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build the exit section: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the exit section", e);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
