package dev.sigil.fleet.core.config;

import java.util.List;

/** What the fleet measures besides trading: the shadow exits every entry is followed under, and what difference matters. */
public record ResearchSettings(
        @Setting(value = "other exit configurations each entry is also followed under, on the same candles with the same rules, fills "
                + "and fees, never traded (shadow exits): 'grid' = every other value of exit.hard_stop_multiplier in the overlays "
                + "directory; or exit keys, e.g. 'hard_stop_multiplier=2.5,trail_atr_multiplier=3'; [] = none",
                pattern = "grid|[a-z_]+=[0-9]+(\\.[0-9]+)?(,[a-z_]+=[0-9]+(\\.[0-9]+)?)*")
        List<String> shadowExits,
        @Setting(value = "the smallest difference between two arms that matters, R per entry: the verdict says 'no significant "
                + "difference' once the difference is known to be smaller than this either way", min = 0, minExclusive = true, max = 5)
        double minimumEffectR) {
}
