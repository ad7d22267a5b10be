package dev.sigil.fleet.core.breaker;

/**
 * Who trips or resets a variant's circuit breaker, as {@code circuit_breaker.tripped_by} and the audit trail's
 * {@code actor} record it. A person is recorded by name (their OS user), so people are not in this list.
 */
public enum BreakerActor {
    /** The runner itself: a guard HALT. */
    RUNNER("runner"),
    /** The runner's risk manager: a daily loss or drawdown limit. */
    RISK_MANAGER("risk_manager"),
    /** The dead-man monitor: a stale heartbeat or a data stall. */
    MONITOR("monitor"),
    /** A backtest run with --resume-after-halt, resetting its own trips so the run covers all of its data. */
    BACKTEST("backtest");

    private final String token;

    BreakerActor(String token) {
        this.token = token;
    }

    /** The actor a recorded word names; empty for a person (recorded by name). */
    public static java.util.Optional<BreakerActor> of(String token) {
        for (BreakerActor actor : values()) {
            if (actor.token.equals(token)) {
                return java.util.Optional.of(actor);
            }
        }
        return java.util.Optional.empty();
    }

    /** The word in the database and in messages. */
    public String token() {
        return token;
    }
}
