package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.core.guard.LedgerTruth;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the wallet-truth check compares memory with — the variant's realized P&L and its open positions — read in one
 * statement (one round trip, one snapshot): a live runner reads it every cycle.
 */
final class LedgerTruthStore {

    /** The statement, the variant bound to both parameters ({@link CycleReads} sends it); {@link #read} reads its rows. */
    static final String SQL = """
            SELECT r.realized, p.id, p.symbol, p.qty, p.entry_price, p.entry_fee
              FROM (SELECT coalesce(sum(realized_pnl), 0)::float8 AS realized
                      FROM positions WHERE variant_id = ? AND status = 'closed') r
              LEFT JOIN positions p ON p.variant_id = ? AND p.status = 'open'
             ORDER BY p.id""";

    private LedgerTruthStore() {
    }

    /** The ledger from the result of {@link #SQL}. */
    static LedgerTruth read(ResultSet rows) throws SQLException {
        double realized = 0;
        List<LedgerTruth.OpenPosition> open = new ArrayList<>();
        while (rows.next()) {
            realized = rows.getDouble(1);
            long id = rows.getLong(2);
            if (!rows.wasNull()) {
                open.add(new LedgerTruth.OpenPosition(id, rows.getString(3), rows.getDouble(4), rows.getDouble(5), rows.getDouble(6)));
            }
        }
        return new LedgerTruth(realized, open);
    }
}
