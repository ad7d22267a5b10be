package dev.sigil.fleet.runner.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** {@code equity_snapshots}: the account's equity every N cycles. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EquitySnapshotRepository extends GenericRepository<EquitySnapshotRepository.Row, Long> {

    /** The table's shape, for Micronaut Data; rows are written with {@link #record}. */
    @MappedEntity("equity_snapshots")
    record Row(@Id long sessionId, Instant at, double equity, double realizedPnl, int openPositions) {
    }

    @Query("""
            INSERT INTO equity_snapshots (session_id, at, equity, realized_pnl, open_positions)
            VALUES (:sessionId, :at, :equity, :realizedPnl, :openPositions)
            ON CONFLICT (session_id, at) DO UPDATE
               SET equity = EXCLUDED.equity, realized_pnl = EXCLUDED.realized_pnl, open_positions = EXCLUDED.open_positions""")
    void record(long sessionId, Instant at, double equity, double realizedPnl, int openPositions);
}
