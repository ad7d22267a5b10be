package dev.sigil.fleet.io.breaker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A variant's circuit breaker ({@code circuit_breaker}). A variant without a row has never been tripped: closed.
 */
public final class BreakerStore {

    private BreakerStore() {
    }

    /** Whether the variant's breaker is tripped, read on the given connection. */
    public static boolean tripped(Connection connection, String variant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT state FROM circuit_breaker WHERE variant_id = ?")) {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && "tripped".equals(row.getString(1));
            }
        }
    }
}
