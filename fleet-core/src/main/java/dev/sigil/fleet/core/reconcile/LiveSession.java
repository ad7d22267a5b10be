package dev.sigil.fleet.core.reconcile;

import java.time.Instant;

/**
 * A live session as its row records it: the process that ran it ({@code host}, {@code pid}), how it ended, its config
 * and the candle time it covered ({@code marketStart}: the open of its first candle; {@code marketEnd}: its last tick;
 * both null when it saw no candle, and {@code marketEnd} null for a session a dead process left open).
 */
public record LiveSession(long id, Instant startedAt, Instant endedAt, String endReason, String configHash, String host, Long pid,
                          Instant marketStart, Instant marketEnd) {

    /** Where its candles end: its last tick, else (a crash) when it was last seen, else (still running) null. */
    public Instant end() {
        return marketEnd != null ? marketEnd : endedAt;
    }

    boolean sameProcessAs(LiveSession other) {
        return java.util.Objects.equals(host, other.host) && java.util.Objects.equals(pid, other.pid);
    }
}
