package dev.sigil.fleet.runner.store;

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

    CheckpointWriter(TransactionOperations<Connection> transactions, ProgressStore progress, EngineStateStore engineState, LedgerBinding binding) {
        this.transactions = transactions;
        this.progress = progress;
        this.engineState = engineState;
        this.binding = binding;
    }

    void write(RunnerLedger.Checkpoint checkpoint, LedgerWrites writes) {
        try {
            transactions.executeWrite(status -> {
                writes.write(status.getConnection());
                engineState.write(checkpoint.engineState(), checkpoint.at());
                if (checkpoint.resumeAfter() != null) {
                    progress.advance(binding.variant(), binding.marketData(), checkpoint.resumeAfter(), binding.sessionId(), checkpoint.at());
                }
                return null;
            });
        } catch (RuntimeException e) {
            engineState.forget();
            throw e;
        }
    }
}
