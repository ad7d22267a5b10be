package dev.sigil.fleet.session.loop;

import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.db.breaker.BreakerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker as the loop last read it: tripped means no entries. A person's reset is acknowledged to the
 * engine (its risk limits re-based) once per reset; a trip first seen is logged once. An unreadable breaker counts as
 * tripped (fail safe).
 */
final class BreakerWatch {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerWatch.class);

    private final String variant;
    private final ScanEngine engine;
    private boolean tripped;
    private Boolean known;

    BreakerWatch(String variant, ScanEngine engine) {
        this.variant = variant;
        this.engine = engine;
    }

    boolean tripped() {
        return tripped;
    }

    /** The loop tripped it itself (a HALT): known at once, no read needed. */
    void trippedNow() {
        tripped = true;
        known = true;
    }

    /** A plain rollover: the next session starts with what the previous one last read. */
    void carryOver(BreakerWatch previous) {
        tripped = previous.tripped;
        known = previous.known;
    }

    /** What the database says ({@code view} null: unreadable). */
    void read(BreakerStore.View view) {
        if (view == null) {
            tripped = true;
            return;
        }
        if (engine.acknowledgeBreakerReset(view.latestReset())) {
            LOG.warn("{}: the circuit breaker was reset by a person (event {}); risk limits re-based on the account as it stands{}",
                    variant, view.latestReset(), view.tripped() ? "" : ", entries resume");
        }
        if (!Boolean.TRUE.equals(known) && view.tripped()) {
            LOG.warn("{}: the circuit breaker is tripped; no entries until a person resets it (fleet breaker reset {})", variant, variant);
        }
        known = view.tripped();
        tripped = view.tripped();
    }
}
