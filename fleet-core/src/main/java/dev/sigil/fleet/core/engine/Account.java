package dev.sigil.fleet.core.engine;

import java.math.BigDecimal;
import dev.sigil.fleet.core.position.Position;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The paper account: starting balance, realized P&L, and the last price of every symbol for mark-to-market. The
 * realized P&L is the exact decimal sum of each exit's P&L (as the ledger stores it), so it does not depend on the
 * order exits are added in: memory and the database's {@code sum(realized_pnl)} agree to the last digit.
 * Equity = balance + realized + Σ (mark − entry) × qty − entry fee over open positions; free cash = balance +
 * realized − Σ (entry notional + entry fee).
 */
final class Account {

    private final double startingBalance;
    private BigDecimal realized;
    private double realizedPnl;
    /** The last price of each symbol, in a mutable cell per symbol: marking a candle allocates nothing. */
    private final Map<String, double[]> marks = new HashMap<>();

    Account(double startingBalance, BigDecimal realized) {
        this.startingBalance = startingBalance;
        resetRealized(realized);
    }

    void mark(String symbol, double price) {
        double[] mark = marks.get(symbol);
        if (mark == null) {
            marks.put(symbol, new double[] {price});
        } else {
            mark[0] = price;
        }
    }

    private double markOf(Position position) {
        double[] mark = marks.get(position.symbol());
        return mark == null ? position.entryPrice() : mark[0];
    }

    void realize(double pnl) {
        realized = realized.add(BigDecimal.valueOf(pnl));
        realizedPnl = realized.doubleValue();
    }

    /** The ledger's realized P&L replaces the account's (start-up, a resync after a HALT). */
    void resetRealized(BigDecimal pnl) {
        realized = pnl;
        realizedPnl = pnl.doubleValue();
    }

    /** The realized P&L, exactly. */
    BigDecimal realized() {
        return realized;
    }

    /** Takes the other account's last prices (an engine reconfigured between sessions). */
    void takeMarks(Account other) {
        other.marks.forEach((symbol, mark) -> mark(symbol, mark[0]));
    }

    double realizedPnl() {
        return realizedPnl;
    }

    double equity(Collection<Position> open) {
        double equity = startingBalance + realizedPnl;
        for (Position position : open) {
            equity += position.unrealizedPnl(markOf(position));
        }
        return equity;
    }

    /** Σ open notional at the last close, as a percent of equity (NaN when equity is not positive). */
    double exposurePct(Collection<Position> open) {
        double equity = equity(open);
        if (equity <= 0) {
            return Double.NaN;
        }
        double notional = 0;
        for (Position position : open) {
            notional += position.qty() * markOf(position);
        }
        return notional / equity * 100;
    }

    double freeCash(Collection<Position> open) {
        double cash = startingBalance + realizedPnl;
        for (Position position : open) {
            cash -= position.notional() + position.entryFee();
        }
        return cash;
    }
}
