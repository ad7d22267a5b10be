package dev.sigil.fleet.session.loop;

import dev.sigil.fleet.core.engine.Continuation;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import dev.sigil.fleet.session.RunnerMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's checkpoints: the ledger's buffered writes, the resume point, and the engine state with the session's
 * own keys (its id, span start, first candle and tick count), from which a crash-restarted runner continues it — in
 * one transaction. A failed checkpoint keeps its writes for the next one; failing for good ends the process
 * (crash-only: the restart resumes from the last one made).
 */
public final class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    /** Checkpoints failing this many times in a row end the process. */
    static final int FAILURES_TOLERATED = 30;

    /** Checkpoints kept failing: the database is gone for this process. */
    public static final class FailedException extends RuntimeException {
        FailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String variant;
    private final RunnerLedger ledger;
    private final RunnerMetrics metrics;
    private int failures;

    Checkpoints(String variant, RunnerLedger ledger, RunnerMetrics metrics) {
        this.variant = variant;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** Makes the ticks so far durable; throws what the ledger threw. */
    void make(Instant at, ScanEngine engine, long sessionId, Instant spanStart, Instant marketStart, long ticks, Instant completedThrough) {
        Map<String, String> state = new LinkedHashMap<>(engine.engineState());
        state.putAll(Continuation.keys(sessionId, spanStart, marketStart, ticks));
        ledger.checkpoint(new RunnerLedger.Checkpoint(completedThrough, state, at));
        failures = 0;
    }

    /** As {@link #make}, a failure counted and logged; returns whether the checkpoint was made. */
    boolean makeOrCount(Instant at, ScanEngine engine, long sessionId, Instant spanStart, Instant marketStart, long ticks, Instant completedThrough) {
        try {
            make(at, engine, sessionId, spanStart, marketStart, ticks, completedThrough);
            return true;
        } catch (RuntimeException e) {
            failures++;
            metrics.ledgerFailed("checkpoint");
            LOG.error("{}: checkpoint failed ({} in a row, {} write(s) kept for the next one): {}", variant, failures,
                    ledger.pendingWrites(), e.getMessage());
            if (failures >= FAILURES_TOLERATED) {
                throw new FailedException("checkpoints failed " + failures + " times in a row: " + e.getMessage(), e);
            }
            return false;
        }
    }
}
