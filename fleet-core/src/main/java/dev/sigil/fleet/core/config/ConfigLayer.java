package dev.sigil.fleet.core.config;

import java.util.Map;

/**
 * One source of settings, as parsed: {@code base.yaml}, an overlay, or the {@code --set} pairs of one run. Later
 * layers override earlier ones key by key.
 *
 * @param origin what to call this layer in error messages (a file path, or {@code --set})
 * @param tree nested maps of section → key → value, values as YAML gives them
 */
public record ConfigLayer(String origin, Map<String, Object> tree) {
    public ConfigLayer {
        tree = tree == null ? Map.of() : tree;
    }
}
