package dev.sigil.fleet.core.heartbeat;

/** What the monitor concludes about a variant's scanner. The token is what metrics, logs and alerts say. */
public enum HeartbeatState {
    /** Cycles end on time and the market data moves. */
    FRESH("fresh", false),
    /** A cycle has been running longer than it should; not stale yet. Reported, not alerted. */
    CYCLE_STUCK("cycle_stuck", false),
    /** No cycle has ended for longer than stale_after: the scanner is dead or hung. Alerted, breaker tripped. */
    STALE("stale", true),
    /** Cycles end, but the newest candle has not moved for longer than data_stale_after: the scanner sees no market. */
    DATA_STALLED("data_stalled", true),
    /** The variant's database cannot be reached: nothing can be known, nothing can be tripped there. Alerted. */
    UNREACHABLE("unreachable", true),
    /**
     * Stopped on purpose: its last session ended cleanly (stopped, its replay or its duration done) and no runner holds
     * its lock. One informational notice, no incident, no breaker trip.
     */
    STOPPED("stopped", false);

    private final String token;
    private final boolean incident;

    HeartbeatState(String token, boolean incident) {
        this.token = token;
        this.incident = incident;
    }

    public String token() {
        return token;
    }

    /** Whether this state opens (or keeps open) an incident. */
    public boolean incident() {
        return incident;
    }
}
