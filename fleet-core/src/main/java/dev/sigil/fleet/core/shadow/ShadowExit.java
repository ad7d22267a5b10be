package dev.sigil.fleet.core.shadow;

import dev.sigil.fleet.core.config.ExitSettings;

/**
 * An exit configuration a runner follows its entries under besides its own, never trading it: {@code label} says what
 * differs from the runner's exit section ({@code hard_stop_multiplier=2.5}), {@code exit} is the whole section.
 */
public record ShadowExit(String label, ExitSettings exit) {
}
