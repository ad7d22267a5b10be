package dev.sigil.fleet.core.guard;

/**
 * The names of the engine's counters in {@code engine_state} (integers stored as text). Guard counters, the mode
 * and the halt reason are reset at session start; risk keys belong to the variant and survive sessions.
 */
public final class EngineStateKeys {

    public static final String MODE = "mode";
    public static final String HALT_REASON = "halt.reason";
    /** Entries into DEGRADED by any source, wallet_truth included. */
    public static final String DEGRADED_ENTRY_COUNT = "degraded.entry_count";
    /** Entries into DEGRADED by guard sources (wallet_truth excluded). */
    public static final String DEGRADED_GUARD_ENTRY_COUNT = "degraded.guard_entry_count";
    /** Recoveries of guard sources (wallet_truth excluded). */
    public static final String DEGRADED_RECOVERY_COUNT = "degraded.recovery_count";
    /** The risk manager's peak equity: persisted, survives restarts and sessions. */
    public static final String RISK_PEAK_EQUITY = "risk.peak_equity";

    private EngineStateKeys() {
    }

    public static String episodeCount(GuardSource source) {
        return "guard." + source.token() + ".degraded_episode_count";
    }

    public static String cooldownUntilTick(GuardSource source) {
        return "guard." + source.token() + ".cooldown_until_tick";
    }

    public static String state(GuardSource source) {
        return "guard." + source.token() + ".state";
    }
}
