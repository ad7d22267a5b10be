package dev.sigil.fleet.core.engine;

import java.math.BigDecimal;
import dev.sigil.fleet.core.position.Position;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

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
    /**
     * The running sum of the walks over the open positions below, done with these pre-made consumers: a map's
     * {@code forEach} needs no iterator, so a tick's equity and exposure allocate nothing.
     */
    private double sum;
    private final BiConsumer<String, Position> addUnrealized = (symbol, position) -> sum += position.unrealizedPnl(markOf(position));
    private final BiConsumer<String, Position> addNotional = (symbol, position) -> sum += position.qty() * markOf(position);
    private final BiConsumer<String, Position> subtractCost = (symbol, position) -> sum -= position.notional() + position.entryFee();

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

    double equity(Map<String, Position> open) {
        sum = startingBalance + realizedPnl;
        open.forEach(addUnrealized);
        return sum;
    }

    /** Σ open notional at the last close, as a percent of equity (NaN when equity is not positive). */
    double exposurePct(Map<String, Position> open) {
        double equity = equity(open);
        if (equity <= 0) {
            return Double.NaN;
        }
        sum = 0;
        open.forEach(addNotional);
        return sum / equity * 100;
    }

    double freeCash(Map<String, Position> open) {
        sum = startingBalance + realizedPnl;
        open.forEach(subtractCost);
        return sum;
    }
}
