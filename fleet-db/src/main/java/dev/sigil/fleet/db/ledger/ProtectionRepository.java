package dev.sigil.fleet.db.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** {@code symbol_protections}: read by the entry check and at start-up (the ledgers write them, see LedgerStore). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProtectionRepository extends GenericRepository<ProtectionRow, String> {

    @Query("""
            SELECT EXISTS (SELECT 1 FROM symbol_protections
                            WHERE symbol = :symbol AND greatest(expires_at, coalesce(ban_until, expires_at)) > :now)""")
    boolean isProtected(String symbol, Instant now);

    @Query("SELECT * FROM symbol_protections")
    List<ProtectionRow> findAll();
}
