package dev.sigil.fleet.db.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The ledger's writes as plain SQL, for both ledgers (the replay ledger batches them). A signal is recorded once per
 * candle and strategy, an equity snapshot once per tick-clock instant ({@code ON CONFLICT DO NOTHING}): writing a
 * tick twice changes nothing. Prices, quantities and P&L go into {@code numeric} columns as the exact decimal of the
 * engine's double (a {@code float8} would be rounded to 15 digits by PostgreSQL's cast), so a position restored
 * after a restart computes exactly what the process that opened it would have.
 */
final class LedgerStore {

    static final String INSERT_POSITION = """
            INSERT INTO positions (id, variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee,
                                   stop_price, trail_stop_price, atr_at_entry, highest_price)
            OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, NULL, ?, ?)""";
    static final String INSERT_POSITION_RETURNING_ID = """
            INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee,
                                   stop_price, trail_stop_price, atr_at_entry, highest_price)
            VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, NULL, ?, ?)
            RETURNING id""";
    static final String PROTECT = """
            INSERT INTO symbol_protections (symbol, expires_at, violation_count, created_at)
            VALUES (?, ?, 0, ?)
            ON CONFLICT (symbol) DO UPDATE
               SET expires_at = EXCLUDED.expires_at, violation_count = 0, created_at = EXCLUDED.created_at""";
    static final String INSERT_SIGNAL = """
            INSERT INTO signals (session_id, symbol, candle_time, strategy, accepted, reject_reason, price, atr, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (symbol, candle_time, strategy) DO NOTHING""";
    static final String COUNT_VIOLATION = "UPDATE symbol_protections SET violation_count = violation_count + 1 WHERE symbol = ?";
    /** The close also records the highest price and the trail in force when the exit was decided. */
    static final String CLOSE_POSITION = """
            UPDATE positions
               SET status = 'closed', exit_time = ?, exit_price = ?, exit_fee = ?, exit_reason = ?, realized_pnl = ?,
                   highest_price = ?, trail_stop_price = ?
             WHERE id = ? AND status = 'open'""";
    static final String MOVE_TRAIL = "UPDATE positions SET highest_price = ?, trail_stop_price = ? WHERE id = ? AND status = 'open'";
    static final String INSERT_SNAPSHOTS = """
            INSERT INTO equity_snapshots (session_id, at, equity, realized_pnl, open_positions)
            SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::text[]::numeric[], ?::text[]::numeric[], ?::integer[])
            ON CONFLICT (at) DO NOTHING""";

    /**
     * Candles as arrays, binary: open times in microseconds since the epoch, values as float8, each made the exact
     * decimal of the engine's double on the server (float8's text is the shortest that reads back as the same double,
     * PostgreSQL 12 on, with pgjdbc's extra_float_digits; a direct float8::numeric cast would round to 15 digits).
     */
    static final String INSERT_CANDLES = """
            INSERT INTO market_candles (symbol, open_time, open, high, low, close, volume, quote_volume)
            SELECT s, timestamptz 'epoch' + t * interval '1 microsecond', o::text::numeric, h::text::numeric, l::text::numeric,
                   c::text::numeric, v::text::numeric, q::text::numeric
            FROM unnest(?::text[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[])
                 AS candle (s, t, o, h, l, c, v, q)
            ON CONFLICT (symbol, open_time) DO NOTHING""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerStore() {
    }

    /** Binds {@link #INSERT_POSITION} (with {@code id}) or {@link #INSERT_POSITION_RETURNING_ID} (id null). */
    static void bindInsert(PreparedStatement statement, Long id, LedgerBinding binding, EntryOrder order) throws SQLException {
        int at = 1;
        if (id != null) {
            statement.setLong(at++, id);
        }
        statement.setString(at++, binding.variant());
        statement.setLong(at++, binding.sessionId());
        statement.setString(at++, order.symbol());
        statement.setTimestamp(at++, Timestamp.from(order.entryTime()));
        exact(statement, at++, order.entryPrice());
        exact(statement, at++, order.qty());
        exact(statement, at++, order.entryFee());
        exact(statement, at++, order.stopPrice());
        exact(statement, at++, order.atrAtEntry());
        exact(statement, at, order.entryPrice());
    }

    /**
     * A double as the exact decimal it is (NaN: null): its shortest round-trip text, which the {@code numeric} column
     * it is written to parses (bound untyped, so no BigDecimal is built and encoded for every value: that cost a tenth
     * of a replay's time).
     */
    static void exact(PreparedStatement statement, int index, double value) throws SQLException {
        String text = exactText(value);
        if (text == null) {
            statement.setNull(index, Types.NUMERIC);
        } else {
            statement.setObject(index, text, Types.OTHER);
        }
    }

    static void bindProtect(PreparedStatement statement, EntryOrder order) throws SQLException {
        statement.setString(1, order.symbol());
        statement.setTimestamp(2, Timestamp.from(order.protectedUntil()));
        statement.setTimestamp(3, Timestamp.from(order.entryTime()));
    }

    static void bindSignal(PreparedStatement statement, LedgerBinding binding, SignalRecord record) throws SQLException {
        statement.setLong(1, binding.sessionId());
        statement.setString(2, record.signal().symbol());
        statement.setTimestamp(3, Timestamp.from(record.signal().candleTime()));
        statement.setString(4, binding.strategy());
        statement.setBoolean(5, record.accepted());
        statement.setString(6, record.rejectReason());
        exact(statement, 7, record.signal().close());
        exact(statement, 8, record.atr());
        statement.setString(9, json(record.signal().detail()));
    }

    static void bindClose(PreparedStatement statement, ClosedPosition closed) throws SQLException {
        statement.setTimestamp(1, Timestamp.from(closed.exitTime()));
        exact(statement, 2, closed.exitPrice());
        exact(statement, 3, closed.exitFee());
        statement.setString(4, closed.reason().token());
        exact(statement, 5, closed.realizedPnl());
        exact(statement, 6, closed.position().highestPrice());
        exact(statement, 7, closed.position().trailActive() ? closed.position().trailStopPrice() : Double.NaN);
        statement.setLong(8, closed.position().id());
    }

    /** Inserts one position and returns its id (the live ledger, inside its entry transaction). */
    static long insertPosition(Connection connection, LedgerBinding binding, EntryOrder order) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_POSITION_RETURNING_ID)) {
            bindInsert(statement, null, binding, order);
            try (java.sql.ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Runs one statement bound by {@code binder}; returns the rows it changed. */
    static int execute(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    /** Binds one statement's parameters. */
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    static void moveTrails(Connection connection, Collection<Position> moved) throws SQLException {
        if (moved.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MOVE_TRAIL)) {
            for (Position position : moved) {
                exact(statement, 1, position.highestPrice());
                exact(statement, 2, position.trailActive() ? position.trailStopPrice() : Double.NaN);
                statement.setLong(3, position.id());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static void snapshots(Connection connection, long sessionId, Collection<EquitySnapshot> snapshots) throws SQLException {
        snapshots(connection, snapshots.stream().map(snapshot -> Map.entry(sessionId, snapshot)).toList());
    }

    /**
     * Equity snapshots of one or more sessions (session id, snapshot) in one statement, the rows as arrays: a replay
     * checkpoint writes hundreds at once, and one statement over arrays costs the server far less than as many
     * executions of a batch. Decimals go as text, exactly, like {@link #exact}.
     */
    static void snapshots(Connection connection, List<Map.Entry<Long, EquitySnapshot>> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return;
        }
        int size = snapshots.size();
        Long[] sessions = new Long[size];
        Timestamp[] at = new Timestamp[size];
        String[] equity = new String[size];
        String[] realized = new String[size];
        Integer[] open = new Integer[size];
        for (int i = 0; i < size; i++) {
            EquitySnapshot snapshot = snapshots.get(i).getValue();
            sessions[i] = snapshots.get(i).getKey();
            at[i] = Timestamp.from(snapshot.at());
            equity[i] = exactText(snapshot.equity());
            realized[i] = exactText(snapshot.realizedPnl());
            open[i] = snapshot.openPositions();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_SNAPSHOTS)) {
            statement.setArray(1, connection.createArrayOf("bigint", sessions));
            statement.setArray(2, connection.createArrayOf("timestamptz", at));
            statement.setArray(3, connection.createArrayOf("text", equity));
            statement.setArray(4, connection.createArrayOf("text", realized));
            statement.setArray(5, connection.createArrayOf("integer", open));
            statement.executeUpdate();
        }
    }

    /** The double as the decimal text that reads back as the same double; null for NaN (no value). */
    private static String exactText(double value) {
        return Double.isNaN(value) ? null : Double.toString(value);
    }

    /** The most candle rows in one statement (its arrays are about 60 bytes a row). */
    static final int CANDLE_BATCH = 2_000;

    /**
     * Records candles the engine was handed, {@link #CANDLE_BATCH} to a statement whose rows are arrays: one statement
     * costs the server far less than as many executions of a batch, and its few arrays are all the garbage it makes
     * (a batch's parameters, a string and its bytes per value, outlived young collections during a live start's
     * warm-up of half a million candles and filled the heap with them). A candle with a value that is not a finite
     * number is not recorded (the candle gate rejects it anyway).
     */
    static void candles(Connection connection, Collection<dev.sigil.fleet.core.candle.Candle> candles) throws SQLException {
        if (candles.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_CANDLES)) {
            CandleColumns columns = new CandleColumns(Math.min(candles.size(), CANDLE_BATCH));
            for (dev.sigil.fleet.core.candle.Candle candle : candles) {
                if (columns.add(candle) == CANDLE_BATCH) {
                    columns.insert(connection, statement);
                }
            }
            columns.insert(connection, statement);
        }
    }

    /** One statement's rows of candles, column by column. */
    private static final class CandleColumns {
        private final String[] symbols;
        private final long[] openMicros;
        private final double[][] values;
        private int rows;

        CandleColumns(int capacity) {
            symbols = new String[capacity];
            openMicros = new long[capacity];
            values = new double[6][capacity];
        }

        /** Adds the candle unless a value is not a finite number; returns the rows held. */
        int add(dev.sigil.fleet.core.candle.Candle candle) {
            double[] row = {candle.open(), candle.high(), candle.low(), candle.close(), candle.volume(), candle.quoteVolume()};
            for (double value : row) {
                if (!Double.isFinite(value)) {
                    return rows;
                }
            }
            symbols[rows] = candle.symbol();
            openMicros[rows] = java.util.concurrent.TimeUnit.SECONDS.toMicros(candle.openTime().getEpochSecond()) + candle.openTime().getNano() / 1_000;
            for (int column = 0; column < row.length; column++) {
                values[column][rows] = row[column];
            }
            return ++rows;
        }

        void insert(Connection connection, PreparedStatement statement) throws SQLException {
            if (rows == 0) {
                return;
            }
            // pgjdbc's own createArrayOf takes arrays of primitives and sends them binary
            org.postgresql.PGConnection postgres = connection.unwrap(org.postgresql.PGConnection.class);
            statement.setArray(1, postgres.createArrayOf("text", rows == symbols.length ? symbols : java.util.Arrays.copyOf(symbols, rows)));
            statement.setArray(2, postgres.createArrayOf("int8", rows == openMicros.length ? openMicros : java.util.Arrays.copyOf(openMicros, rows)));
            for (int column = 0; column < values.length; column++) {
                double[] data = values[column];
                statement.setArray(3 + column, postgres.createArrayOf("float8", rows == data.length ? data : java.util.Arrays.copyOf(data, rows)));
            }
            statement.executeUpdate();
            rows = 0;
        }
    }

    static String json(Map<String, Double> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal detail cannot be written as JSON", e);
        }
    }
}
