package dev.sigil.fleet.core.reconcile;

import java.time.Instant;

/**
 * One trade where the live run and its replay disagree. {@code live} is null for an extra trade (only the replay had
 * it), {@code replay} null for a missed one. {@code reason} is the likeliest cause found (a data gap, a restart, a
 * config change), or null when none was found.
 */
public record Difference(Kind kind, String symbol, Instant entryTime, Trade live, Trade replay, String reason) {

    public enum Kind {
        /** The live run had the trade, the replay did not. */
        MISSED("missed"),
        /** The replay had a trade the live run did not. */
        EXTRA("extra"),
        /** Both entered on the same candle at another price or quantity. */
        DIFFERENT_FILL("different_fill"),
        /** Same entry, another exit: time, reason or price, or one of them still open. */
        DIFFERENT_EXIT("different_exit");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }
}
