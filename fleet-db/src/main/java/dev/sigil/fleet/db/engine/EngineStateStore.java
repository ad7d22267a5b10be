package dev.sigil.fleet.db.engine;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code engine_state}: the engine's named counters (integers as text), its mode and halt reason, and the risk
 * manager's peak equity. Only keys whose value changed since the last write are written.
 */
@Singleton
public final class EngineStateStore {

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Map<String, String> written = new HashMap<>();

    public EngineStateStore(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Writes the keys whose values differ from what this process last wrote, in one transaction (the caller's, if
     * one is open: then call {@link #forget()} if it rolls back).
     */
    public synchronized void write(Map<String, String> state, Instant at) {
        Map<String, String> changed = new HashMap<>();
        state.forEach((key, value) -> {
            if (!value.equals(written.get(key))) {
                changed.put(key, value);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> jdbc.prepareStatement("""
                INSERT INTO engine_state (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at""", statement -> {
            for (var entry : changed.entrySet()) {
                statement.setString(1, entry.getKey());
                statement.setString(2, entry.getValue());
                statement.setTimestamp(3, Timestamp.from(at));
                statement.addBatch();
            }
            return statement.executeBatch().length;
        }));
        written.putAll(changed);
    }

    /** Whether {@link #write} would write anything: a key whose value differs from what this process last wrote. */
    public synchronized boolean wouldChange(Map<String, String> state) {
        for (var entry : state.entrySet()) {
            if (!entry.getValue().equals(written.get(entry.getKey()))) {
                return true;
            }
        }
        return false;
    }

    /** Forgets what was written, so the next write writes every key (after a rolled-back transaction). */
    public synchronized void forget() {
        written.clear();
    }

    /** Every key and value. */
    public Map<String, String> readAll() {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT key, value FROM engine_state", statement -> {
            Map<String, String> rows = new HashMap<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.put(row.getString(1), row.getString(2));
                }
            }
            return rows;
        }));
    }

    /**
     * Exit times of the variant's losing hard stops within {@code lookbackMinutes} of its newest exit, oldest first:
     * the ones that may still count toward the stoploss guard.
     */
    public List<Instant> recentHardStopLosses(String variant, int lookbackMinutes) {
        return transactions.executeRead(status -> jdbc.prepareStatement("""
                SELECT exit_time FROM positions
                 WHERE variant_id = ? AND status = 'closed' AND exit_reason = 'hard_stop' AND realized_pnl < 0
                   AND exit_time >= (SELECT max(exit_time) FROM positions WHERE variant_id = ? AND status = 'closed')
                                    - make_interval(mins => ?)
                 ORDER BY exit_time""", statement -> {
            statement.setString(1, variant);
            statement.setString(2, variant);
            statement.setInt(3, lookbackMinutes);
            List<Instant> times = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    times.add(row.getTimestamp(1).toInstant());
                }
            }
            return times;
        }));
    }

    public Optional<String> read(String key) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT value FROM engine_state WHERE key = ?", statement -> {
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
        }));
    }

    /** The UTC day of the variant's last exit and the realized P&L of that day (for the daily loss limit). */
    public Optional<Map.Entry<LocalDate, Double>> lastExitDay(String variant) {
        return transactions.executeRead(status -> jdbc.prepareStatement("""
                SELECT (exit_time AT TIME ZONE 'UTC')::date AS day, sum(realized_pnl)::float8
                  FROM positions WHERE variant_id = ? AND status = 'closed'
                 GROUP BY day ORDER BY day DESC LIMIT 1""", statement -> {
            statement.setString(1, variant);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(Map.entry(row.getDate(1).toLocalDate(), row.getDouble(2))) : Optional.<Map.Entry<LocalDate, Double>>empty();
            }
        }));
    }
}
