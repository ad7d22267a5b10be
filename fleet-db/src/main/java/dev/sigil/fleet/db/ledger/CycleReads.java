package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.core.guard.LedgerTruth;
import dev.sigil.fleet.db.breaker.BreakerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a cycle reads about its variant: the circuit breaker and, when asked, the ledger for the wallet-truth check
 * ({@link LedgerTruthStore}) — two statements sent together, one round trip and one snapshot (the driver sends them
 * with one sync, so autocommit runs them in one implicit transaction).
 *
 * @param breaker the breaker (null when unreadable: then no entries, fail safe)
 * @param ledgerTruth the ledger as the database has it (null when not asked for, or unreadable)
 */
public record CycleReads(BreakerStore.View breaker, LedgerTruth ledgerTruth) {

    /** Nothing could be read. */
    public static final CycleReads UNREADABLE = new CycleReads(null, null);

    public static CycleReads read(Connection connection, String variant, boolean ledgerTruth) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ledgerTruth ? BreakerStore.VIEW + ";\n" + LedgerTruthStore.SQL : BreakerStore.VIEW)) {
            int parameters = ledgerTruth ? 4 : 2;
            for (int i = 1; i <= parameters; i++) {
                statement.setString(i, variant);
            }
            statement.execute();
            BreakerStore.View breaker;
            try (ResultSet row = statement.getResultSet()) {
                breaker = BreakerStore.view(row);
            }
            if (!ledgerTruth) {
                return new CycleReads(breaker, null);
            }
            if (!statement.getMoreResults()) {
                throw new SQLException("the ledger read returned no result");
            }
            try (ResultSet rows = statement.getResultSet()) {
                return new CycleReads(breaker, LedgerTruthStore.read(rows));
            }
        }
    }
}
