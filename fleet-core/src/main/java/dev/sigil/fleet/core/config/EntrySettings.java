package dev.sigil.fleet.core.config;

/** Limits checked before any entry rule runs. */
public record EntrySettings(
        @Setting(value = "no new entry while this many positions are open", min = 1, max = 1_000)
        int maxOpenPositions,
        @Setting(value = "hours a symbol is protected from a new entry, counted from its position's open", min = 0, max = 720)
        double cooldownHours) {
}
