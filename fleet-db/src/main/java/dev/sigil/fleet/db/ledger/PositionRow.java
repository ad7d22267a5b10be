package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.core.position.Position;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code positions}. */
@MappedEntity("positions")
public record PositionRow(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long id,
        String variantId,
        long sessionId,
        String symbol,
        String status,
        Instant entryTime,
        double entryPrice,
        double qty,
        double entryFee,
        double stopPrice,
        @Nullable Double trailStopPrice,
        double atrAtEntry,
        double highestPrice,
        @Nullable Instant exitTime,
        @Nullable Double exitPrice,
        @Nullable Double exitFee,
        @Nullable String exitReason,
        @Nullable Double realizedPnl) {

    public Position toPosition() {
        return new Position(id, symbol, entryTime, entryPrice, qty, entryFee, stopPrice, atrAtEntry, highestPrice,
                trailStopPrice == null ? Double.NaN : trailStopPrice);
    }
}
