package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.db.DatabaseWait;
import dev.sigil.fleet.core.candle.Candle;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a live warm-up's candles in {@code market_candles} as they are fed to the engine, in transactions of
 * their own (the table belongs to no session), so that a start at 500 symbols does not hold half a million candles
 * until its first checkpoint. After a failed write it stops trying: what it could not record is handed to the
 * session's ledger, whose checkpoints keep it until written, as before.
 */
public final class WarmUpCandles {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUpCandles.class);
    /** Candles held before a write: a few JDBC batches, a few time steps at 500 symbols. */
    public static final int WRITE_AT = LedgerStore.CANDLE_BATCH;

    private final TransactionOperations<Connection> transactions;
    private final String variant;
    private final List<Candle> unrecorded = new ArrayList<>();
    private boolean failed;
    private long candles;
    private long steps;

    public WarmUpCandles(TransactionOperations<Connection> transactions, String variant) {
        this.transactions = transactions;
        this.variant = variant;
    }

    /** One time step of the warm-up (the list may be reused by its source after this call). */
    public void add(List<Candle> step) {
        candles += step.size();
        steps++;
        unrecorded.addAll(step);
        if (unrecorded.size() >= WRITE_AT) {
            write();
        }
    }

    /** Writes what is held; returns what could not be written, for the session's ledger. */
    public List<Candle> finish() {
        write();
        return unrecorded;
    }

    /** For the log: how much history the warm-up had. */
    public String describe() {
        return candles + " candles over " + steps + " time steps" + (unrecorded.isEmpty() ? "" : ", " + unrecorded.size() + " not recorded yet");
    }

    private void write() {
        if (failed || unrecorded.isEmpty()) {
            return;
        }
        try {
            transactions.executeWrite(status -> {
                LedgerStore.candles(status.getConnection(), unrecorded);
                return null;
            });
            unrecorded.clear();
        } catch (Exception e) {
            // the transaction rethrows the statement's SQLException as it is, unchecked by the compiler
            failed = true;
            LOG.warn("{}: warm-up candles not recorded yet ({}); the session's first checkpoint will record them", variant, DatabaseWait.describe(e));
        }
    }
}
