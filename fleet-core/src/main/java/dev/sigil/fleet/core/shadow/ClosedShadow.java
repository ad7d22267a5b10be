package dev.sigil.fleet.core.shadow;

import dev.sigil.fleet.core.exit.ExitReason;
import java.time.Instant;

/**
 * A shadow after its exit fill, priced as a real exit would be: {@code realizedPnl = (exitPrice − entryPrice) × qty −
 * entryFee − exitFee}. {@code shadow} is as it stood when the exit was decided (its highest price and trail).
 */
public record ClosedShadow(ShadowPosition shadow, Instant exitTime, double exitPrice, double exitFee, ExitReason reason, double realizedPnl) {
}
