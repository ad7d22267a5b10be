package dev.sigil.fleet.cli;

import dev.sigil.fleet.io.db.SchemaMigrator;
import dev.sigil.fleet.io.fleet.DatabaseTarget;
import dev.sigil.fleet.io.fleet.Secret;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;

/** Variant databases with known closed trades, for the research commands ({@code compare}, {@code report}). */
final class TradeDatabases {

    static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");

    private TradeDatabases() {
    }

    /**
     * A variant database with one session run at {@code multiplier} and {@code trades} closed trades of mean P&L
     * {@code mean} (sd 1.5), one every 8 hours from {@link #T0}, each with an equity snapshot at its exit. The hard
     * stops sit 3 % to 6 % below the entry, wider with the multiplier (drawn apart from the P&L: the same seed gives
     * the same P&L whatever the stops).
     */
    static TestDatabase variant(Class<?> test, String name, double multiplier, int trades, double mean, long seed) throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(test);
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        Random random = new Random(seed);
        Random stops = new Random(seed + 1000);
        try (Connection connection = database.connect()) {
            long session;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sessions (variant_id, started_at, ended_at, end_reason, duration_limit_s, config_hash, config_json)
                    VALUES (?, ?, ?, 'replay_exhausted', 7200, 'h', CAST(? AS jsonb)) RETURNING id""")) {
                insert.setString(1, name);
                insert.setTimestamp(2, Timestamp.from(T0));
                insert.setTimestamp(3, Timestamp.from(T0.plusSeconds(86_400 * 20)));
                insert.setString(4, "{\"exit\": {\"hard_stop_multiplier\": " + multiplier + ", \"hard_stop_floor_pct\": 3.0, \"hard_stop_cap_pct\": 6.0},"
                        + " \"paper\": {\"starting_balance_usd\": 1000}}");
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    session = row.getLong(1);
                }
            }
            double equity = 1000;
            for (int i = 0; i < trades; i++) {
                Instant entry = T0.plusSeconds(3600L * 8 * i);
                double pnl = mean + 1.5 * random.nextGaussian();
                double stopPct = Math.clamp(multiplier * (1.9 + 0.35 * stops.nextGaussian()), 3.0, 6.0);
                equity += pnl;
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee, stop_price,
                                               atr_at_entry, highest_price, exit_time, exit_price, exit_fee, exit_reason, realized_pnl)
                        VALUES (?, ?, 'BTCUSDT', 'closed', ?, 100, 1, 0.1, ?, 1, 100, ?, 100, 0.1, ?, ?)""");
                     PreparedStatement snapshot = connection.prepareStatement(
                             "INSERT INTO equity_snapshots (session_id, at, equity, realized_pnl, open_positions) VALUES (?, ?, ?, 0, 0)")) {
                    insert.setString(1, name);
                    insert.setLong(2, session);
                    insert.setTimestamp(3, Timestamp.from(entry));
                    insert.setDouble(4, 100 - stopPct);
                    insert.setTimestamp(5, Timestamp.from(entry.plusSeconds(3600 * 4)));
                    insert.setString(6, pnl > 0 ? "atr_trail" : "hard_stop");
                    insert.setDouble(7, pnl);
                    insert.executeUpdate();
                    snapshot.setLong(1, session);
                    snapshot.setTimestamp(2, Timestamp.from(entry.plusSeconds(3600 * 4)));
                    snapshot.setDouble(3, equity);
                    snapshot.executeUpdate();
                }
            }
        }
        return database;
    }

    /**
     * Adds an equity snapshot every minute from {@link #T0} for {@code days}, as a runner writes them: the starting
     * balance plus the P&L of the trades closed by then, with a small swing of the open position's value.
     */
    static void minuteSnapshots(TestDatabase database, int days) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO equity_snapshots (session_id, at, equity, realized_pnl, open_positions)
                     SELECT s.id, t, 1000 + coalesce((SELECT sum(p.realized_pnl) FROM positions p WHERE p.session_id = s.id AND p.exit_time <= t), 0)
                                 + 0.8 * sin(extract(epoch FROM t) / 5400.0), 0, 0
                       FROM sessions s, generate_series(?::timestamptz, ?::timestamptz, interval '1 minute') t
                     ON CONFLICT DO NOTHING""")) {
            insert.setTimestamp(1, Timestamp.from(T0));
            insert.setTimestamp(2, Timestamp.from(T0.plusSeconds(86_400L * days)));
            insert.executeUpdate();
        }
    }
}
