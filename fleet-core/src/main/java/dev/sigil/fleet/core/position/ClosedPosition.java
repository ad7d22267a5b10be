package dev.sigil.fleet.core.position;

import dev.sigil.fleet.core.exit.ExitReason;
import java.time.Instant;

/** A position after its exit fill: {@code realizedPnl = (exitPrice − entryPrice) × qty − entryFee − exitFee}. */
public record ClosedPosition(Position position, Instant exitTime, double exitPrice, double exitFee, ExitReason reason,
                             double realizedPnl) {
}
