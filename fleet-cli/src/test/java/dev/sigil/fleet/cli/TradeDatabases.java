package dev.sigil.fleet.cli;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
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
     * {@code mean} USD (sd 1.5) at a $5 stake, one every 8 hours from {@link #T0}, each with an equity snapshot at its
     * exit; no shadow exits.
     */
    static TestDatabase variant(Class<?> test, String name, double multiplier, int trades, double mean, long seed) throws Exception {
        return variant(test, name, new Spec(multiplier, 5, trades, mean / 5, 0.3, null, 0, seed));
    }

    /**
     * What a variant database holds: its session's hard-stop multiplier; {@code trades} entries at a stake of {@code
     * stake} USD risked each, their R drawn with mean {@code meanR} and sd {@code sdR} (the same seed, the same draws
     * whatever the stake); and, with {@code shadowMultiplier} set, a closed shadow exit of each entry at that multiplier
     * whose R is the position's less {@code shadowGap}, give or take 0.2 R.
     */
    record Spec(double multiplier, double stake, int trades, double meanR, double sdR, Double shadowMultiplier, double shadowGap, long seed) {
    }

    /**
     * A variant database as {@link Spec} says, one entry every 8 hours from {@link #T0} at 100 (the same entry times in
     * every database: shared entries), the exit 4 hours later. The hard stops sit 3 % to 6 % below the entry, wider
     * with the multiplier (drawn apart from the results); the quantity is the stake over the stop distance, so a trade
     * of R makes R × stake.
     */
    static TestDatabase variant(Class<?> test, String name, Spec spec) throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(test);
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        Random random = new Random(spec.seed());
        Random stops = new Random(spec.seed() + 1000);
        try (Connection connection = database.connect()) {
            long session;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sessions (variant_id, started_at, ended_at, end_reason, duration_limit_s, config_hash, config_json)
                    VALUES (?, ?, ?, 'replay_exhausted', 7200, 'h', CAST(? AS jsonb)) RETURNING id""")) {
                insert.setString(1, name);
                insert.setTimestamp(2, Timestamp.from(T0));
                insert.setTimestamp(3, Timestamp.from(T0.plusSeconds(86_400 * 20)));
                insert.setString(4, "{\"exit\": {\"hard_stop_multiplier\": " + spec.multiplier() + ", \"hard_stop_floor_pct\": 3.0, \"hard_stop_cap_pct\": 6.0},"
                        + " \"paper\": {\"starting_balance_usd\": 1000}, \"research\": {\"minimum_effect_r\": 0.05}}");
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    session = row.getLong(1);
                }
            }
            double equity = 1000;
            for (int i = 0; i < spec.trades(); i++) {
                Instant entry = T0.plusSeconds(3600L * 8 * i);
                double r = spec.meanR() + spec.sdR() * random.nextGaussian();
                double atrPct = 1.9 + 0.35 * stops.nextGaussian();
                double stopPct = Math.clamp(spec.multiplier() * atrPct, 3.0, 6.0);
                double qty = spec.stake() / stopPct;
                double pnl = r * spec.stake();
                equity += pnl;
                long id;
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee, stop_price,
                                               atr_at_entry, highest_price, exit_time, exit_price, exit_fee, exit_reason, realized_pnl)
                        VALUES (?, ?, 'BTCUSDT', 'closed', ?, 100, ?, 0.1, ?, 1, 100, ?, 100, 0.1, ?, ?) RETURNING id""");
                     PreparedStatement snapshot = connection.prepareStatement(
                             "INSERT INTO equity_snapshots (session_id, at, equity, realized_pnl, open_positions) VALUES (?, ?, ?, 0, 0)")) {
                    insert.setString(1, name);
                    insert.setLong(2, session);
                    insert.setTimestamp(3, Timestamp.from(entry));
                    insert.setDouble(4, qty);
                    insert.setDouble(5, 100 - stopPct);
                    insert.setTimestamp(6, Timestamp.from(entry.plusSeconds(3600 * 4)));
                    insert.setString(7, pnl > 0 ? "atr_trail" : "hard_stop");
                    insert.setDouble(8, pnl);
                    try (ResultSet row = insert.executeQuery()) {
                        row.next();
                        id = row.getLong(1);
                    }
                    snapshot.setLong(1, session);
                    snapshot.setTimestamp(2, Timestamp.from(entry.plusSeconds(3600 * 4)));
                    snapshot.setDouble(3, equity);
                    snapshot.executeUpdate();
                }
                if (spec.shadowMultiplier() != null) {
                    double shadowStopPct = Math.clamp(spec.shadowMultiplier() * atrPct, 3.0, 6.0);
                    double shadowR = r - spec.shadowGap() + 0.2 * random.nextGaussian();
                    try (PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO shadow_exits (position_id, exit_config, exit_settings, status, stop_price, highest_price, exit_time,
                                                      exit_price, exit_fee, exit_reason, realized_pnl)
                            VALUES (?, ?, CAST(? AS jsonb), 'closed', ?, 100, ?, 100, 0.1, ?, ?)""")) {
                        insert.setLong(1, id);
                        insert.setString(2, "hard_stop_multiplier=" + spec.shadowMultiplier());
                        insert.setString(3, "{\"hard_stop_multiplier\": " + spec.shadowMultiplier() + "}");
                        insert.setDouble(4, 100 - shadowStopPct);
                        insert.setTimestamp(5, Timestamp.from(entry.plusSeconds(3600 * 5)));
                        insert.setString(6, shadowR > 0 ? "atr_trail" : "hard_stop");
                        insert.setDouble(7, shadowR * shadowStopPct * qty);
                        insert.executeUpdate();
                    }
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
