package dev.sigil.fleet.core.guard;

/** What can put the engine in DEGRADED; each is measured once per tick with its own window. */
public enum GuardSource {
    ANCHOR_SATURATION("anchor_saturation", true),
    DIRECTIONAL_DRIFT("directional_drift", true),
    INVENTORY_CORRIDOR("inventory_corridor", true),
    /** The ledger check: its episodes do not count toward the episode cap (it halts on its own threshold). */
    WALLET_TRUTH("wallet_truth", false);

    private final String token;
    private final boolean countsTowardEpisodeCap;

    GuardSource(String token, boolean countsTowardEpisodeCap) {
        this.token = token;
        this.countsTowardEpisodeCap = countsTowardEpisodeCap;
    }

    public String token() {
        return token;
    }

    public boolean countsTowardEpisodeCap() {
        return countsTowardEpisodeCap;
    }
}
