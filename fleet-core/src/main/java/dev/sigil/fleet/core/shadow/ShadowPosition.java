package dev.sigil.fleet.core.shadow;

import dev.sigil.fleet.core.config.ExitSettings;
import dev.sigil.fleet.core.position.Position;

/**
 * One open shadow exit: the entry of position {@code state.id()} followed under another exit configuration. Its state
 * is a {@link Position} with the real entry (time, price, quantity, fee, ATR) and the shadow's own hard stop, highest
 * price and trail.
 */
public record ShadowPosition(String label, ExitSettings exit, Position state) {

    public long positionId() {
        return state.id();
    }
}
