package dev.sigil.fleet.session;

import dev.sigil.fleet.db.DatabaseWait;
import dev.sigil.fleet.db.InstanceLock;
import dev.sigil.fleet.db.heartbeat.HeartbeatStore;
import dev.sigil.fleet.db.ledger.CycleReads;
import dev.sigil.fleet.session.loop.ScanLoop;
import io.micronaut.data.exceptions.DataAccessException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan loop's database outside its ledger: the heartbeat, written on the connection that holds the variant's
 * instance lock (so each write is also the check that the lock is still held), and the cycle's reads — the breaker,
 * and the ledger for the truth check — on a pooled connection, unreadable meaning no entries.
 */
final class LoopOutside implements ScanLoop.Outside {

    private static final Logger LOG = LoggerFactory.getLogger(LoopOutside.class);

    private final DataSource dataSource;
    private final InstanceLock lock;
    private final String variant;
    private final long sessionId;
    private final String host;
    private final long pid;

    LoopOutside(DataSource dataSource, InstanceLock lock, String variant, long sessionId, String host, long pid) {
        this.dataSource = dataSource;
        this.lock = lock;
        this.variant = variant;
        this.sessionId = sessionId;
        this.host = host;
        this.pid = pid;
    }

    @Override
    public boolean scanStarted(Instant at) {
        return onLock(connection -> HeartbeatStore.scanStarted(connection, variant, sessionId, at, host, pid));
    }

    @Override
    public void scanEnded(Instant at, Instant newestCandle, int candles) {
        if (!onLock(connection -> HeartbeatStore.scanEnded(connection, variant, at, newestCandle, candles))) {
            throw new DataAccessException("the connection holding the runner lock is gone");
        }
    }

    @Override
    public CycleReads reads(boolean ledgerTruth) {
        try (Connection connection = dataSource.getConnection()) {
            return CycleReads.read(connection, variant, ledgerTruth);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: circuit breaker{} unreadable ({}); no entries this cycle", variant,
                    ledgerTruth ? " and ledger" : "", DatabaseWait.describe(e));
            return CycleReads.UNREADABLE;
        }
    }

    /** {@link InstanceLock#whileHeld}, a database error thrown unchecked (the loop logs a heartbeat not written). */
    private boolean onLock(InstanceLock.Work work) {
        try {
            return lock.whileHeld(work);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }
}
