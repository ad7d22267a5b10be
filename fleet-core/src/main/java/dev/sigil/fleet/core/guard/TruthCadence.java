package dev.sigil.fleet.core.guard;

import java.time.Instant;

/**
 * When the wallet truth (the database's ledger against the engine's memory) is read. Live: every tick. In replay: on
 * the tick clock — the first tick, then the first tick of each UTC day — so a replay checks at the same ticks however
 * fast the machine runs it, and its guards decide the same (a read forces a checkpoint first: daily keeps a month's
 * replay at about thirty of them).
 */
public final class TruthCadence {

    private long lastDay = Long.MIN_VALUE;

    /** Whether the tick at {@code marketTime} reads the truth; counts it as read when it does. */
    public boolean due(boolean live, Instant marketTime) {
        if (live) {
            return true;
        }
        long day = Math.floorDiv(marketTime.getEpochSecond(), 86_400);
        if (day == lastDay) {
            return false;
        }
        lastDay = day;
        return true;
    }
}
