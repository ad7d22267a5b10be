package dev.sigil.fleet.core.shadow;

/** How a shadow of an entry starts: its exit configuration and its hard stop, placed by that configuration at the entry. */
public record ShadowStop(ShadowExit exit, double stopPrice) {
}
