package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.position.Position;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The divergence, in dollars, between the database's ledger and the engine's memory: the difference in realized
 * P&L, plus the cost (notional + entry fee) of every open position only one side knows, plus the notional of any
 * quantity difference on positions both know.
 */
public final class WalletTruthCheck {

    private WalletTruthCheck() {
    }

    public static double divergence(LedgerTruth truth, double engineRealized, Collection<Position> engineOpen) {
        double divergence = Math.abs(truth.realizedPnl() - engineRealized);
        Map<Long, Position> mine = new HashMap<>();
        engineOpen.forEach(position -> mine.put(position.id(), position));
        for (LedgerTruth.OpenPosition row : truth.openPositions()) {
            Position known = mine.remove(row.id());
            if (known == null) {
                divergence += row.qty() * row.entryPrice() + row.entryFee();
            } else {
                divergence += Math.abs(known.qty() - row.qty()) * row.entryPrice();
            }
        }
        for (Position unknownToDatabase : mine.values()) {
            divergence += unknownToDatabase.notional() + unknownToDatabase.entryFee();
        }
        return divergence;
    }
}
