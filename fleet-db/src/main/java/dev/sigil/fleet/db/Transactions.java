package dev.sigil.fleet.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one transaction on a plain JDBC connection. A connection in auto-commit mode gets its own transaction,
 * committed when the work returns and rolled back when it throws; a connection already in a transaction (auto-commit
 * off) is the caller's: the work joins it, and the caller commits or rolls back. So a store method that needs a
 * transaction can also be one step of a larger one (the monitor records an incident's breaker trip and trips the
 * breaker in one commit).
 */
public final class Transactions {

    /** Work that returns a result and may fail with an {@link SQLException}. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        if (!connection.getAutoCommit()) {
            return work.run();
        }
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
