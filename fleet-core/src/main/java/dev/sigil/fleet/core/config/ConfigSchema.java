package dev.sigil.fleet.core.config;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every config key, derived from the {@link SigilConfig} records: a section per component of the root record, a
 * key per component of a section, named in snake_case. There is no second list of keys to keep in step.
 */
public final class ConfigSchema {

    private static final ConfigSchema SIGIL = of(SigilConfig.class);

    private final Class<? extends Record> root;
    private final Map<String, Class<?>> sections;
    private final Map<String, KeySpec> keys;

    private ConfigSchema(Class<? extends Record> root, Map<String, Class<?>> sections, Map<String, KeySpec> keys) {
        this.root = root;
        this.sections = Collections.unmodifiableMap(sections);
        this.keys = Collections.unmodifiableMap(keys);
    }

    public static ConfigSchema sigil() {
        return SIGIL;
    }

    /** The schema of any settings record whose components are section records (as {@link SigilConfig}). */
    public static ConfigSchema of(Class<? extends Record> root) {
        Map<String, Class<?>> sections = new LinkedHashMap<>();
        Map<String, KeySpec> keys = new LinkedHashMap<>();
        for (RecordComponent section : root.getRecordComponents()) {
            String sectionName = snakeCase(section.getName());
            sections.put(sectionName, section.getType());
            for (RecordComponent key : section.getType().getRecordComponents()) {
                Setting setting = key.getAnnotation(Setting.class);
                if (setting == null) {
                    throw new IllegalStateException(section.getType().getSimpleName() + "." + key.getName() + " has no @Setting");
                }
                if (key.getType() == java.util.List.class && !KeySpec.isStringList(key)) {
                    throw new IllegalStateException(key.getName() + ": only List<String> lists are supported");
                }
                String path = sectionName + "." + snakeCase(key.getName());
                keys.put(path, new KeySpec(path, key, setting));
            }
        }
        return new ConfigSchema(root, sections, keys);
    }

    public Class<? extends Record> root() {
        return root;
    }

    public Map<String, Class<?>> sections() {
        return sections;
    }

    public Collection<KeySpec> keys() {
        return keys.values();
    }

    public Optional<KeySpec> key(String path) {
        return Optional.ofNullable(keys.get(path));
    }

    public Set<String> paths() {
        return keys.keySet();
    }

    /** The known key (or section) closest to a misspelt one, if one is close enough to be a likely typo. */
    public Optional<String> suggest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : unknown.contains(".") ? keys.keySet() : sections.keySet()) {
            int distance = editDistance(unknown, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (bestDistance <= Math.max(2, unknown.length() / 5)) {
            return Optional.ofNullable(best);
        }
        // a dropped unit suffix is the commonest slip: stale_after for stale_after_seconds
        return (unknown.contains(".") ? keys.keySet() : sections.keySet()).stream()
                .filter(candidate -> candidate.startsWith(unknown + "_"))
                .min(java.util.Comparator.comparingInt(String::length));
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
