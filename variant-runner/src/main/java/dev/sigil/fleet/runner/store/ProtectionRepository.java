package dev.sigil.fleet.runner.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** {@code symbol_protections}: the cooldown is written at position open, in the entry transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProtectionRepository extends GenericRepository<ProtectionRow, String> {

    @Query("""
            INSERT INTO symbol_protections (symbol, expires_at, violation_count, created_at)
            VALUES (:symbol, :expiresAt, 0, :createdAt)
            ON CONFLICT (symbol) DO UPDATE
               SET expires_at = EXCLUDED.expires_at, violation_count = 0, created_at = EXCLUDED.created_at""")
    void protect(String symbol, Instant expiresAt, Instant createdAt);

    @Query("""
            SELECT EXISTS (SELECT 1 FROM symbol_protections
                            WHERE symbol = :symbol AND greatest(expires_at, coalesce(ban_until, expires_at)) > :now)""")
    boolean isProtected(String symbol, Instant now);

    @Query("UPDATE symbol_protections SET violation_count = violation_count + 1 WHERE symbol = :symbol")
    void countViolation(String symbol);

    @Query("SELECT * FROM symbol_protections")
    List<ProtectionRow> findAll();
}
