package dev.sigil.fleet.config.overlay;

import dev.sigil.fleet.core.config.ConfigLayer;
import dev.sigil.fleet.core.config.ConfigProblem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --set section.key=value} pairs of one command, as a config layer above the overlay. Values are read
 * as YAML scalars, so {@code 2.5} is a number, {@code [BTCUSDT, ETHUSDT]} a list and {@code 1m} text. A pair of the
 * wrong shape is a problem of its own; the well-formed pairs still make the layer, so their problems (an unknown
 * key, a value out of range) are reported in the same breath.
 */
public final class SetOverrides {

    public static final String ORIGIN = "--set";

    private SetOverrides() {
    }

    /** The layer of the well-formed pairs, and a problem for each pair of the wrong shape. */
    public record Parsed(ConfigLayer layer, List<ConfigProblem> problems) {
    }

    public static Parsed read(List<String> pairs) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String path = equals < 0 ? pair : pair.substring(0, equals).strip();
            int dot = path.indexOf('.');
            if (equals < 0 || dot <= 0 || dot == path.length() - 1 || path.indexOf('.', dot + 1) >= 0) {
                problems.add(new ConfigProblem(ORIGIN, pair, null, "must look like section.key=value, e.g. exit.hard_stop_multiplier=2.5"));
                continue;
            }
            Object value = scalar(pair.substring(equals + 1));
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) tree.computeIfAbsent(path.substring(0, dot), key -> new LinkedHashMap<String, Object>());
            section.put(path.substring(dot + 1), value);
        }
        return new Parsed(new ConfigLayer(ORIGIN, tree), List.copyOf(problems));
    }

    private static Object scalar(String text) {
        var parsed = YamlFiles.parse(ORIGIN, new StringReader("value: " + text));
        return parsed.ok() ? parsed.tree().get("value") : text;
    }
}
