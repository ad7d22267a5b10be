package dev.sigil.fleet.config.overlay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sigil.fleet.core.config.EffectiveConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective config as canonical JSON (sections and keys in sorted order) and its SHA-256: what a session
 * stores, so two sessions ran with the same config exactly when their hashes are equal.
 */
public final class ConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ConfigJson() {
    }

    public static String json(EffectiveConfig effective) {
        Map<String, Map<String, Object>> nested = new TreeMap<>();
        effective.values().forEach((path, value) -> {
            int dot = path.indexOf('.');
            nested.computeIfAbsent(path.substring(0, dot), section -> new TreeMap<>()).put(path.substring(dot + 1), value);
        });
        try {
            return JSON.writeValueAsString(nested);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config cannot be written as JSON", e);
        }
    }

    public static String hash(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
