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
    /** The day's realized P&L a person's breaker reset forgave: {@code "2025-03-10 -27.5"} (that UTC day only). */
    public static final String RISK_DAY_BASELINE = "risk.day_baseline";
    /** The stoploss guard's pause: entries blocked until this instant (ISO-8601; empty: none). */
    public static final String RISK_STOPLOSS_PAUSED_UNTIL = "risk.stoploss_paused_until";
    /** The id of the newest circuit_breaker_events reset the runner has acted upon (re-based its limits). */
    public static final String RISK_ACKNOWLEDGED_RESET = "risk.acknowledged_reset_event";
    /** The UTC day whose daily loss limit tripped the breaker (empty: none). */
    public static final String RISK_DAILY_LOSS_TRIP_DAY = "risk.daily_loss_trip_day";
    /** Whether the drawdown limit tripped the breaker with no reset since ("true"/"false"). */
    public static final String RISK_DRAWDOWN_TRIPPED = "risk.drawdown_tripped";

    /** The session the guard counters and the tick count belong to (its id). */
    public static final String SESSION_ID = "session.id";
    /** That session's first candle's open time on the tick clock (ISO-8601; empty: none yet): its row's market_start. */
    public static final String SESSION_MARKET_START = "session.market_start";
    /**
     * The instant that session's duration counts from, on its tick clock (the candles' in replay, the wall clock live):
     * a session resumed after a crash ends where the interrupted one would have.
     */
    public static final String SESSION_SPAN_START = "session.span_start";
    /** That session's last tick number: a session resumed after a crash counts on from it. */
    public static final String SESSION_TICK = "session.tick";

    /** Why the overlay on disk was refused at the last session start (empty: it was not). Shown by fleet status. */
    public static final String OVERLAY_PROBLEM = "config.overlay_problem";

    private EngineStateKeys() {
    }

    public static String episodeCount(GuardSource source) {
        return "guard." + source.token() + ".degraded_episode_count";
    }

    public static String recoveryCooldownUntilTick(GuardSource source) {
        return "guard." + source.token() + ".cooldown_until_tick";
    }

    /** A source's whole bookkeeping (state, episodes, stability run, cool-down, ...), for a crash-resumed session. */
    public static String tracker(GuardSource source) {
        return "guard." + source.token() + ".tracker";
    }

    /** A source's measurement window, for a crash-resumed session. */
    public static String window(GuardSource source) {
        return "guard." + source.token() + ".window";
    }

    public static String state(GuardSource source) {
        return "guard." + source.token() + ".state";
    }
}
