package dev.sigil.fleet.core.engine;

/** What the ledger did with an entry order: opened it (with the database id), or refused it with a reason. */
public record EntryOutcome(long positionId, String rejectReason) {

    /** Another process holds the symbol's entry lock: skip the symbol this cycle. */
    public static final String LOCK_BUSY = "lock_busy";
    /** The database already has an open position for the symbol. */
    public static final String POSITION_OPEN = "position_open";
    /** The database has an unexpired protection (entry cooldown or ban) for the symbol. */
    public static final String COOLDOWN_ACTIVE = "cooldown_active";
    /** The partial unique index refused a second open position: the backstop fired. */
    public static final String DUPLICATE_OPEN_POSITION = "duplicate_open_position";

    public static EntryOutcome opened(long positionId) {
        return new EntryOutcome(positionId, null);
    }

    public static EntryOutcome rejected(String reason) {
        return new EntryOutcome(0, reason);
    }

    public boolean opened() {
        return rejectReason == null;
    }
}
