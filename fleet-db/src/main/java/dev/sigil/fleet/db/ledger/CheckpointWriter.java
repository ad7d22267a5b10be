package dev.sigil.fleet.db.ledger;

import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.engine.ProgressStore;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The transaction both ledgers end a checkpoint with: their own writes, then the engine state and the resume point,
 * committed together or not at all. After a rollback the engine-state cache is forgotten, so the next checkpoint
 * writes every key again.
 */
final class CheckpointWriter {

    /** A ledger's own writes, on the checkpoint's connection. */
    interface LedgerWrites {
        void write(Connection connection) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final ProgressStore progress;
    private final EngineStateStore engineState;
    private final LedgerBinding binding;
    private java.time.Instant lastResumeAfter;

    CheckpointWriter(TransactionOperations<Connection> transactions, ProgressStore progress, EngineStateStore engineState, LedgerBinding binding) {
        this.transactions = transactions;
        this.progress = progress;
        this.engineState = engineState;
        this.binding = binding;
    }

    /**
     * Writes a checkpoint; with no ledger write pending ({@code empty}), the same resume point as last time and no
     * engine-state change, there is nothing to make durable and no transaction is made.
     */
    void write(RunnerLedger.Checkpoint checkpoint, boolean empty, LedgerWrites writes) {
        if (empty && java.util.Objects.equals(checkpoint.resumeAfter(), lastResumeAfter) && !engineState.wouldChange(checkpoint.engineState())) {
            return;
        }
        try {
            transactions.executeWrite(status -> {
                try {
                    writes.write(status.getConnection());
                } catch (SQLException e) {
                    // unchecked, so that the transaction rolls back and the caller's handling of a failed checkpoint sees it
                    throw new io.micronaut.data.exceptions.DataAccessException("checkpoint not written: " + e.getMessage(), e);
                }
                engineState.write(checkpoint.engineState(), checkpoint.at());
                if (checkpoint.resumeAfter() != null) {
                    progress.advance(binding.variant(), binding.marketData(), checkpoint.resumeAfter(), binding.sessionId(), checkpoint.at());
                }
                return null;
            });
        } catch (RuntimeException e) {
            engineState.forget();
            lastResumeAfter = null;
            throw e;
        }
        lastResumeAfter = checkpoint.resumeAfter();
    }
}
