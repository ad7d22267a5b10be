package dev.sigil.fleet.core.guard;

/**
 * The engine's mode. ACTIVE: entries allowed. DEGRADED: no new entries; stops, exits, indicators, guards, heartbeat
 * and checks keep running. HALT: the session ends and the circuit breaker is tripped with the halt reason.
 */
public enum Mode {
    ACTIVE, DEGRADED, HALT;

    /** The entry reject reason this mode gives, or null for ACTIVE. */
    public String entryRejectReason() {
        return switch (this) {
            case ACTIVE -> null;
            case DEGRADED -> "mode_degraded";
            case HALT -> "mode_halt";
        };
    }
}
