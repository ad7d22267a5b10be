package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.reconcile.CandleGap;
import dev.sigil.fleet.core.reconcile.LiveSession;
import dev.sigil.fleet.core.reconcile.Trade;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a variant database recorded of its live run, for {@code fleet reconcile}: its live sessions (with their config),
 * its positions, the recorded candles ({@code market_candles}, V7) as kline dump files the backtester replays, and the
 * holes in them.
 */
final class LiveRecord {

    /** A live session's row: the core's view, its config as recorded and its duration limit. */
    record Session(LiveSession session, String configJson, int durationLimitSeconds) {
    }

    private LiveRecord() {
    }

    /** The variant's sessions started since {@code since} that did not replay files (live: binance or synthetic), in id order. */
    static List<Session> sessions(Connection connection, String variant, Instant since) throws SQLException {
        List<Session> sessions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT id, started_at, ended_at, end_reason, config_hash, config_json::text, host, pid, market_start, market_end, duration_limit_s
                  FROM sessions WHERE variant_id = ? AND started_at >= ? AND market_data <> 'replay' ORDER BY id""")) {
            query.setString(1, variant);
            query.setTimestamp(2, Timestamp.from(since));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long pid = row.getLong(8);
                    Long pidOrNull = row.wasNull() ? null : pid;
                    sessions.add(new Session(new LiveSession(row.getLong(1), instant(row, 2), instant(row, 3), row.getString(4), row.getString(5),
                            row.getString(7), pidOrNull, instant(row, 9), instant(row, 10)), row.getString(6), row.getInt(11)));
                }
            }
        }
        return sessions;
    }

    /** The variants that have sessions in this database (to name them when the one asked for has none). */
    static List<String> variants(Connection connection) throws SQLException {
        List<String> variants = new ArrayList<>();
        try (ResultSet row = connection.createStatement().executeQuery("SELECT DISTINCT variant_id FROM sessions ORDER BY 1")) {
            while (row.next()) {
                variants.add(row.getString(1));
            }
        }
        return variants;
    }

    /** Whether the database has the candle record at all (schema V7 or later). */
    static boolean recordsCandles(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SELECT to_regclass('market_candles') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** The variant's positions opened in {@code sessionIds} (all of them when null). */
    static List<Trade> trades(Connection connection, String variant, Collection<Long> sessionIds) throws SQLException {
        List<Trade> trades = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT symbol, entry_time, entry_price, qty, exit_time, exit_reason, exit_price, session_id
                  FROM positions WHERE variant_id = ? AND (CAST(? AS bigint[]) IS NULL OR session_id = ANY (CAST(? AS bigint[])))
                 ORDER BY entry_time, symbol""")) {
            Array ids = sessionIds == null ? null : connection.createArrayOf("bigint", sessionIds.toArray());
            query.setString(1, variant);
            query.setArray(2, ids);
            query.setArray(3, ids);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    BigDecimal exitPrice = row.getBigDecimal(7);
                    trades.add(new Trade(row.getString(1), instant(row, 2), row.getBigDecimal(3).doubleValue(), row.getBigDecimal(4).doubleValue(),
                            instant(row, 5), row.getString(6), exitPrice == null ? null : exitPrice.doubleValue(), row.getLong(8)));
                }
            }
        }
        return trades;
    }

    /** The variant's positions opened before {@code at} and still open then (carried into a session that starts at {@code at}). */
    static int openAt(Connection connection, String variant, Instant at) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM positions WHERE variant_id = ? AND entry_time < ? AND (exit_time IS NULL OR exit_time > ?)")) {
            query.setString(1, variant);
            query.setTimestamp(2, Timestamp.from(at));
            query.setTimestamp(3, Timestamp.from(at));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Recorded candles of the symbols opening in [from, to) (to null: no end). */
    static long candleCount(Connection connection, List<String> symbols, Instant from, Instant to) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM market_candles WHERE symbol = ANY (?) AND open_time >= ? AND (CAST(? AS timestamptz) IS NULL OR open_time < ?)")) {
            query.setArray(1, connection.createArrayOf("text", symbols.toArray()));
            bindRange(query, 2, from, to);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * The holes in each symbol's recorded candles opening in [from, to): runs of missing open times between two
     * recorded candles, and at either end of the window.
     */
    static List<CandleGap> gaps(Connection connection, List<String> symbols, Duration interval, Instant from, Instant to) throws SQLException {
        List<CandleGap> gaps = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT symbol, previous, open_time FROM (
                    SELECT symbol, open_time, lag(open_time) OVER (PARTITION BY symbol ORDER BY open_time) AS previous
                      FROM market_candles WHERE symbol = ANY (?) AND open_time >= ? AND (CAST(? AS timestamptz) IS NULL OR open_time < ?)) steps
                 WHERE previous IS NOT NULL AND open_time - previous > ? * interval '1 second'
                 ORDER BY symbol, open_time""")) {
            query.setArray(1, connection.createArrayOf("text", symbols.toArray()));
            bindRange(query, 2, from, to);
            query.setLong(5, interval.toSeconds());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Instant first = instant(row, 2).plus(interval);
                    Instant last = instant(row, 3).minus(interval);
                    gaps.add(new CandleGap(row.getString(1), first, last, Duration.between(first, last).dividedBy(interval) + 1));
                }
            }
        }
        return gaps;
    }

    /**
     * Writes the symbols' recorded candles opening at or after {@code from} and closed by {@code closedBy} as kline dump
     * files (one CSV per symbol and UTC day, data.binance.vision's columns and names) in {@code directory}; returns how
     * many candles it wrote. Values are written as the shortest decimal of the double, which reads back to the same double.
     */
    static long export(Connection connection, List<String> symbols, String intervalName, Duration interval, Instant from, Instant closedBy,
                       Path directory) throws SQLException, IOException {
        Files.createDirectories(directory);
        Map<String, BufferedWriter> files = new HashMap<>();
        long written = 0;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT symbol, open_time, open, high, low, close, volume, quote_volume FROM market_candles
                 WHERE symbol = ANY (?) AND open_time >= ? AND (CAST(? AS timestamptz) IS NULL OR open_time <= ?)
                 ORDER BY symbol, open_time""")) {
            connection.setAutoCommit(false);
            query.setFetchSize(10_000);
            query.setArray(1, connection.createArrayOf("text", symbols.toArray()));
            bindRange(query, 2, from, closedBy == null ? null : closedBy.minus(interval));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String symbol = row.getString(1);
                    Instant open = instant(row, 2);
                    String name = symbol + "-" + intervalName + "-" + open.atZone(ZoneOffset.UTC).toLocalDate() + ".csv";
                    BufferedWriter file = files.get(name);
                    if (file == null) {
                        file = Files.newBufferedWriter(directory.resolve(name));
                        files.put(name, file);
                    }
                    long openMillis = open.toEpochMilli();
                    file.write(openMillis + "," + number(row, 3) + "," + number(row, 4) + "," + number(row, 5) + "," + number(row, 6) + ","
                            + number(row, 7) + "," + (openMillis + interval.toMillis() - 1) + "," + number(row, 8) + ",0,0,0,0\n");
                    written++;
                }
            }
        } finally {
            connection.setAutoCommit(true);
            for (BufferedWriter file : files.values()) {
                file.close();
            }
        }
        return written;
    }

    private static String number(ResultSet row, int column) throws SQLException {
        return Double.toString(row.getBigDecimal(column).doubleValue());
    }

    private static void bindRange(PreparedStatement query, int at, Instant from, Instant to) throws SQLException {
        query.setTimestamp(at, Timestamp.from(from));
        Timestamp end = to == null ? null : Timestamp.from(to);
        query.setTimestamp(at + 1, end);
        query.setTimestamp(at + 2, end);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
