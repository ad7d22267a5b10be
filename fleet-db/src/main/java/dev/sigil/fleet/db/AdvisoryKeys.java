package dev.sigil.fleet.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable 64-bit keys for PostgreSQL advisory locks: the first 8 bytes of SHA-256 over a namespaced name, the same
 * in every process and every release (never {@code String.hashCode}, which is 32-bit).
 */
public final class AdvisoryKeys {

    private AdvisoryKeys() {
    }

    /** The transaction-level lock taken to enter {@code symbol} for {@code variant}. */
    public static long entry(String variant, String symbol) {
        return key("sigil:entry:" + variant + ":" + symbol);
    }

    /** The session-level lock a runner holds on its database for its whole life. */
    public static long instance(String variant) {
        return key("sigil:runner:" + variant);
    }

    static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = key << 8 | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
