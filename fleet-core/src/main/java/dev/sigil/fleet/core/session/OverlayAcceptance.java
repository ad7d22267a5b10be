package dev.sigil.fleet.core.session;

import dev.sigil.fleet.core.config.EffectiveConfig;
import java.util.Map;

/**
 * Whether the next session takes the overlay as it is now on disk, with no I/O: an invalid overlay, or one that changes
 * the market section (the universe and the interval change only at a restart), is refused and the running config
 * kept, with the problem to record for {@code fleet status}; an unchanged one is no change.
 */
public final class OverlayAcceptance {

    private OverlayAcceptance() {
    }

    /** The decision. */
    public sealed interface Decision permits Take, Keep, Same {
    }

    /** The next session runs with {@code next}; {@code changes} is what differs. */
    public record Take(EffectiveConfig next, Map<String, EffectiveConfig.Difference> changes) implements Decision {
    }

    /** The running config stays: {@code problem} says why (the key and the allowed range, or the market keys changed). */
    public record Keep(String problem, boolean invalid) implements Decision {
    }

    /** The overlay resolves to the config that runs (its fingerprint is the same). */
    public record Same() implements Decision {
    }

    /**
     * @param current the running config and its fingerprint (the hash of its JSON, as the session row records it)
     * @param next the overlay resolved now (null when it is invalid) and its fingerprint
     * @param invalid why the overlay is invalid (null when it resolved)
     * @param restartHint how to restart the variant, named in the problem of a market change
     */
    public static Decision decide(EffectiveConfig current, String currentFingerprint, EffectiveConfig next, String nextFingerprint,
                                  String invalid, String restartHint) {
        if (next == null) {
            return new Keep("overlay invalid: " + invalid.replaceAll("\\s*\\n\\s*", " "), true);
        }
        if (!next.config().market().equals(current.config().market())) {
            return new Keep("the overlay changes the market section " + current.diff(next).keySet().stream().filter(key -> key.startsWith("market."))
                    .toList() + ": the universe and the interval change only at a restart (" + restartHint + ")", false);
        }
        if (nextFingerprint.equals(currentFingerprint)) {
            return new Same();
        }
        return new Take(next, current.diff(next));
    }
}
