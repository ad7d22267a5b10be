package dev.sigil.fleet.db.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** {@code positions}: the entry lock, the open book, exits and trail moves. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PositionRepository extends CrudRepository<PositionRow, Long> {

    /** The per-(variant, symbol) entry lock, released when the transaction ends; false if another holds it. */
    @Query("SELECT pg_try_advisory_xact_lock(:key)")
    boolean tryEntryLock(long key);

    @Query("SELECT EXISTS (SELECT 1 FROM positions WHERE symbol = :symbol AND variant_id = :variantId AND status = 'open')")
    boolean hasOpen(String symbol, String variantId);

    @Query("SELECT * FROM positions WHERE variant_id = :variantId AND status = 'open' ORDER BY id")
    List<PositionRow> findOpen(String variantId);

    /** The variant's realized P&L over its whole life, exactly (the engine's account restores from it). */
    @Query("SELECT coalesce(sum(realized_pnl), 0) FROM positions WHERE variant_id = :variantId AND status = 'closed'")
    java.math.BigDecimal realizedPnlExact(String variantId);
}
