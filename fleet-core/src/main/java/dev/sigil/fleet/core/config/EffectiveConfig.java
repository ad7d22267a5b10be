package dev.sigil.fleet.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A validated config together with its flat view: every key path with its typed value and the layer it came from.
 * The flat view is what {@code fleet grid show} prints, what {@code fleet grid diff} compares and what a session
 * stores (as JSON, with its hash).
 */
public record EffectiveConfig(SigilConfig config, SortedMap<String, Object> values, Map<String, String> origins) {

    public EffectiveConfig {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        origins = Map.copyOf(origins);
    }

    /** A changed key: its value here and there ({@code null} never occurs: both sides have every key). */
    public record Difference(String path, Object left, Object right) {
    }

    /** The keys whose values differ, in path order. */
    public Map<String, Difference> diff(EffectiveConfig other) {
        Map<String, Difference> differences = new LinkedHashMap<>();
        for (var entry : values.entrySet()) {
            Object theirs = other.values.get(entry.getKey());
            if (!Objects.equals(entry.getValue(), theirs)) {
                differences.put(entry.getKey(), new Difference(entry.getKey(), entry.getValue(), theirs));
            }
        }
        return differences;
    }
}
