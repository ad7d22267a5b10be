package dev.sigil.fleet.db.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ids reserved in a block from a table's identity sequence, in increasing order: a replay knows a position's or a
 * session's id before its row is written. Ids left unused are gaps, as after any rolled-back insert.
 */
public final class IdentityIds {

    private IdentityIds() {
    }

    /** {@code count} fresh ids of {@code table}'s {@code id} column. */
    public static List<Long> reserve(Connection connection, String table, int count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?) ORDER BY 1")) {
            statement.setString(1, table);
            statement.setInt(2, count);
            List<Long> ids = new ArrayList<>(count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }
}
