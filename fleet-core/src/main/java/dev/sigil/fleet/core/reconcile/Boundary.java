package dev.sigil.fleet.core.reconcile;

import java.time.Instant;

/**
 * Where the live run did not go on as one uninterrupted engine: a process restart (a crash or a stop; the engine was
 * rebuilt from the database and warmed up again) or a session that ran with another config. {@code at} is the first
 * candle time of the session after it; {@code detail} says which sessions, for people.
 */
public record Boundary(Kind kind, Instant at, String detail) {

    public enum Kind {
        RESTART("restart"),
        CONFIG_CHANGE("config change");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
