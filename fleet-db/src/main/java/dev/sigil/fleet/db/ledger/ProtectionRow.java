package dev.sigil.fleet.db.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code symbol_protections}: the entry cooldown written when a position opens ({@code expires_at}), an
 * optional longer ban ({@code ban_until}, set by an operator), and how many signals it has turned away.
 */
@MappedEntity("symbol_protections")
public record ProtectionRow(@Id String symbol, Instant expiresAt, @Nullable Instant banUntil, int violationCount, Instant createdAt) {

    /** When the symbol may be entered again. */
    public Instant until() {
        return banUntil != null && banUntil.isAfter(expiresAt) ? banUntil : expiresAt;
    }
}
