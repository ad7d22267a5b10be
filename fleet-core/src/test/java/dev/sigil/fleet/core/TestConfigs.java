package dev.sigil.fleet.core;

import dev.sigil.fleet.core.config.ConfigLayer;
import dev.sigil.fleet.core.config.ConfigResolver;
import dev.sigil.fleet.core.config.ConfigTrees;
import dev.sigil.fleet.core.config.SigilConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid configs for tests: the code-built base with {@code section.key} overrides, validated like a real overlay. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static SigilConfig config(Object... pathsAndValues) {
        return effective(pathsAndValues).config();
    }

    /** The base with {@code section.key, value} pairs over it, as the overlay "test" sets them. */
    public static dev.sigil.fleet.core.config.EffectiveConfig effective(Object... pathsAndValues) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            String path = (String) pathsAndValues[i];
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) tree.computeIfAbsent(path.substring(0, path.indexOf('.')), key -> new LinkedHashMap<String, Object>());
            section.put(path.substring(path.indexOf('.') + 1), pathsAndValues[i + 1]);
        }
        return ConfigResolver.sigil().resolve(List.of(ConfigTrees.base(), new ConfigLayer("test", tree)));
    }
}
