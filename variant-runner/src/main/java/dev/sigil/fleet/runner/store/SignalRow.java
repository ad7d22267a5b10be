package dev.sigil.fleet.runner.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code signals} (read back by tests and reports; written through {@link SignalRepository#record}). */
@MappedEntity("signals")
public record SignalRow(@Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long id, long sessionId, String symbol,
                        Instant candleTime, String strategy, boolean accepted, @Nullable String rejectReason,
                        @Nullable Double price, @Nullable Double atr) {
}
