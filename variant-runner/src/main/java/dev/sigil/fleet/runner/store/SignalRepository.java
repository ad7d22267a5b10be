package dev.sigil.fleet.runner.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** {@code signals}: every entry signal, accepted or rejected with its reason, with the indicator values behind it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SignalRepository extends GenericRepository<SignalRow, Long> {

    @Query("""
            INSERT INTO signals (session_id, symbol, candle_time, strategy, accepted, reject_reason, price, atr, detail)
            VALUES (:sessionId, :symbol, :candleTime, :strategy, :accepted, :rejectReason, :price, :atr, CAST(:detail AS jsonb))
            ON CONFLICT (symbol, candle_time, strategy) DO NOTHING""")
    void record(long sessionId, String symbol, Instant candleTime, String strategy, boolean accepted,
                @Nullable String rejectReason, double price, @Nullable Double atr, String detail);

    @Query("SELECT id, session_id, symbol, candle_time, strategy, accepted, reject_reason, price::float8, atr::float8 FROM signals WHERE session_id = :sessionId ORDER BY id")
    List<SignalRow> findBySession(long sessionId);
}
