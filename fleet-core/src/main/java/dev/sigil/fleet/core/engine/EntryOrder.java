package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.strategy.EntrySignal;
import java.time.Instant;

/** A sized, priced entry the ledger should open, and until when its symbol is then protected (the cooldown). */
public record EntryOrder(EntrySignal signal, Instant entryTime, double entryPrice, double qty, double entryFee,
                         double stopPrice, double atrAtEntry, Instant protectedUntil) {

    public String symbol() {
        return signal.symbol();
    }
}
