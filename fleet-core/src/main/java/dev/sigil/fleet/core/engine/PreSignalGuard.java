package dev.sigil.fleet.core.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The first step of the entry path, before sizing or any database work: a signal is refused when its symbol
 * already has an open position, its protection (entry cooldown written at the last open, or a ban) has not expired, the
 * circuit breaker is tripped, the engine is not ACTIVE, or the open positions are already at the maximum.
 */
public final class PreSignalGuard {

    public static final String POSITION_OPEN = EntryOutcome.POSITION_OPEN;
    public static final String COOLDOWN_ACTIVE = EntryOutcome.COOLDOWN_ACTIVE;
    public static final String BREAKER_TRIPPED = "breaker_tripped";
    public static final String MAX_OPEN_POSITIONS = "max_open_positions";

    private final int maxOpenPositions;

    public PreSignalGuard(int maxOpenPositions) {
        this.maxOpenPositions = maxOpenPositions;
    }

    /**
     * @param modeRejectReason why the engine mode refuses entries, or null when it is ACTIVE
     * @return the reason to refuse, or null to go on
     */
    public String check(String symbol, Instant now, Set<String> openSymbols, Map<String, Instant> protectedUntil,
                        boolean breakerTripped, String modeRejectReason) {
        if (openSymbols.contains(symbol)) {
            return POSITION_OPEN;
        }
        Instant until = protectedUntil.get(symbol);
        if (until != null && now.isBefore(until)) {
            return COOLDOWN_ACTIVE;
        }
        if (breakerTripped) {
            return BREAKER_TRIPPED;
        }
        if (modeRejectReason != null) {
            return modeRejectReason;
        }
        if (openSymbols.size() >= maxOpenPositions) {
            return MAX_OPEN_POSITIONS;
        }
        return null;
    }
}
