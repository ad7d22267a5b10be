package dev.sigil.fleet.core.engine;

/**
 * The engine's side of its {@link TradeLedger}: the session's ledger (each session binds its own) and the failed
 * writes of the current tick — a failure is counted and told to the listener, never thrown.
 */
final class EngineLedger {

    private final EngineListener listener;
    private TradeLedger ledger;
    private int failures;

    EngineLedger(TradeLedger ledger, EngineListener listener) {
        this.ledger = ledger;
        this.listener = listener;
    }

    TradeLedger get() {
        return ledger;
    }

    void bind(TradeLedger sessionLedger) {
        this.ledger = sessionLedger;
    }

    /** A new tick: its failures are counted from zero. */
    void newTick() {
        failures = 0;
    }

    int failures() {
        return failures;
    }

    /** Runs one ledger call; a failure is counted and reported, never thrown. Returns whether it succeeded. */
    boolean attempt(String operation, Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            failed(operation, e);
            return false;
        }
    }

    void failed(String operation, RuntimeException error) {
        failures++;
        listener.ledgerFailed(operation, error);
    }
}
