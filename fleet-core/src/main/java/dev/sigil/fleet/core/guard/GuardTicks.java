package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.config.GuardSettings;

/**
 * The guards' durations in ticks of the running cadence: each rounded up, and windows and stability periods never
 * under {@link #FLOOR} ticks (a single violating or calm tick must not decide). The cool-down is not floored (0 turns
 * it off). The design's counts were written for a ~4 s loop; the keys carry their wall-clock meaning, so the same
 * config means the same minutes at a 60 s tick as at a 4 s one.
 *
 * @param tickSeconds the length of one tick: the longer of the scan interval and the base candle interval
 */
public record GuardTicks(long tickSeconds, int anchorWindow, int anchorStability, int driftWindow, int driftStability, int corridorLookback,
                         int recoveryCooldown) {

    /** The fewest ticks a window or a stability period spans. */
    public static final int FLOOR = 2;

    public static GuardTicks of(GuardSettings settings, long tickSeconds) {
        if (tickSeconds <= 0) {
            throw new IllegalArgumentException("a tick lasts at least a second: " + tickSeconds);
        }
        return new GuardTicks(tickSeconds, floored(settings.anchorWindowSeconds(), tickSeconds), floored(settings.recoveryStabilitySeconds(), tickSeconds),
                floored(settings.driftWindowSeconds(), tickSeconds), floored(settings.recoveryStabilitySecondsDrift(), tickSeconds),
                floored(settings.corridorLookbackSeconds(), tickSeconds), (int) Math.ceilDiv((long) settings.recoveryCooldownSeconds(), tickSeconds));
    }

    private static int floored(long seconds, long tickSeconds) {
        return (int) Math.max(FLOOR, Math.ceilDiv(seconds, tickSeconds));
    }

    /**
     * The fewest ticks in which {@code source}, flapping as fast as its rules allow, enters DEGRADED for the ({@code
     * cap} + 1)th time and so HALTs the session: its first entry (the window filled), its stability, then per later
     * episode a re-entry (the window refilled after the recovery restarted it), the cool-down and the stability again.
     * wallet_truth is outside the cap: {@link Long#MAX_VALUE}.
     */
    public long fastestHalt(GuardSource source, int cap) {
        long entry;
        long stability;
        switch (source) {
            case ANCHOR_SATURATION -> {
                entry = 1; // a restarted window keeps its newest tick: one hot tick is over any share of a window of one
                stability = anchorStability;
            }
            case DIRECTIONAL_DRIFT -> {
                entry = driftWindow;
                stability = driftStability;
            }
            case INVENTORY_CORRIDOR -> {
                entry = corridorLookback;
                stability = corridorLookback;
            }
            default -> {
                return Long.MAX_VALUE;
            }
        }
        return entry + stability + entry + (long) (cap - 1) * (recoveryCooldown + stability + entry);
    }
}
