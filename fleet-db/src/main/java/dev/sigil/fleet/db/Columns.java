package dev.sigil.fleet.db;

import java.sql.Timestamp;
import java.time.Instant;

/** Column values as the stores read them. */
public final class Columns {

    private Columns() {
    }

    /** A {@code timestamptz} column: null stays null. */
    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
