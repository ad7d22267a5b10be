package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.shadow.ShadowStop;
import dev.sigil.fleet.core.strategy.EntrySignal;
import java.time.Instant;
import java.util.List;

/**
 * A sized, priced entry the ledger should open, until when its symbol is then protected (the entry cooldown), and the shadow
 * exits that follow it (written with the position, in its transaction).
 */
public record EntryOrder(EntrySignal signal, Instant entryTime, double entryPrice, double qty, double entryFee,
                         double stopPrice, double atrAtEntry, Instant protectedUntil, List<ShadowStop> shadows) {

    public String symbol() {
        return signal.symbol();
    }
}
