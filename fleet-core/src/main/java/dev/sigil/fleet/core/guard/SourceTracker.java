package dev.sigil.fleet.core.guard;

import java.util.List;

/**
 * One source's episode bookkeeping around its {@link SourceState}: stability is counted from the first tick the
 * exit condition holds, consecutively, and one violating tick resets it; a source that re-fires after a recovery
 * starts its cool-down ({@code cooldown_until_tick = tick + recovery_cooldown_ticks}), during which its recovery
 * is not evaluated and which hostile ticks never extend.
 */
final class SourceTracker {

    private final GuardSource source;
    private final GuardSignal signal;
    private final int stabilityTicks;
    private final int recoveryCooldownTicks;
    private final boolean recoveryEnabled;
    private SourceState state = SourceState.NORMAL;
    private int episodes;
    private int stable;
    private long recoveryCooldownUntilTick;
    private boolean recoveredBefore;
    private boolean suppressionReported;

    /** @param recoveryEnabled false: once DEGRADED the source stays so for the rest of the session */
    SourceTracker(GuardSource source, GuardSignal signal, int stabilityTicks, int recoveryCooldownTicks, boolean recoveryEnabled) {
        this.source = source;
        this.signal = signal;
        this.stabilityTicks = stabilityTicks;
        this.recoveryCooldownTicks = recoveryCooldownTicks;
        this.recoveryEnabled = recoveryEnabled;
    }

    /** A new session: the source starts NORMAL with no episode, no stability run and no cool-down. */
    void reset() {
        state = SourceState.NORMAL;
        episodes = 0;
        stable = 0;
        recoveryCooldownUntilTick = 0;
        recoveredBefore = false;
        suppressionReported = false;
    }

    /** Phase 1 of a tick: cool-down expiry, then recovery. Returns true if the source recovered. */
    boolean evaluateRecovery(long tick, List<GuardEvent> events) {
        if (state == SourceState.RECOVERY_COOLDOWN) {
            if (tick < recoveryCooldownUntilTick) {
                if (signal.exitHolds() && !suppressionReported) {
                    suppressionReported = true;
                    events.add(new GuardEvent(tick, source, GuardEvent.Type.RECOVERY_SUPPRESSED_BY_COOLDOWN, "until=" + recoveryCooldownUntilTick));
                }
                return false;
            }
            state = state.on(SourceState.Trigger.COOLDOWN_EXPIRED);
            stable = 0;
            events.add(new GuardEvent(tick, source, GuardEvent.Type.COOLDOWN_ENDED, ""));
        }
        if (state != SourceState.DEGRADED || !signal.measured() || !recoveryEnabled) {
            return false;
        }
        if (!signal.exitHolds()) {
            if (stable > 0) {
                events.add(new GuardEvent(tick, source, GuardEvent.Type.STABILITY_RESET, "after=" + stable + " " + signal.describe()));
            }
            stable = 0;
            return false;
        }
        stable++;
        if (stable < stabilityTicks) {
            return false;
        }
        state = state.on(SourceState.Trigger.RECOVER);
        stable = 0;
        recoveredBefore = true;
        signal.restartWindow();
        events.add(new GuardEvent(tick, source, GuardEvent.Type.RECOVERED, signal.describe()));
        return true;
    }

    /** Phase 2 of a tick: the entry condition. Returns true if the source entered DEGRADED. */
    boolean evaluateEntry(long tick, List<GuardEvent> events) {
        if (state != SourceState.NORMAL || !signal.entryHolds()) {
            return false;
        }
        episodes++;
        stable = 0;
        if (recoveredBefore && recoveryCooldownTicks > 0) {
            state = state.on(SourceState.Trigger.FIRE_AFTER_RECOVERY);
            recoveryCooldownUntilTick = tick + recoveryCooldownTicks;
            suppressionReported = false;
            events.add(new GuardEvent(tick, source, GuardEvent.Type.DEGRADED,
                    "episode=" + episodes + " cooldown_until=" + recoveryCooldownUntilTick + " " + signal.describe()));
        } else {
            state = state.on(SourceState.Trigger.FIRE);
            events.add(new GuardEvent(tick, source, GuardEvent.Type.DEGRADED, "episode=" + episodes + " " + signal.describe()));
        }
        return true;
    }

    /** {@code state,episodes,stable,cooldown until tick,recovered before,suppression reported}, then the signal's own. */
    String snapshot() {
        return state.token() + "," + episodes + "," + stable + "," + recoveryCooldownUntilTick + "," + recoveredBefore + "," + suppressionReported;
    }

    void restore(String snapshot) {
        String[] parts = snapshot.split(",");
        state = SourceState.ofToken(parts[0]);
        episodes = Integer.parseInt(parts[1]);
        stable = Integer.parseInt(parts[2]);
        recoveryCooldownUntilTick = Long.parseLong(parts[3]);
        recoveredBefore = Boolean.parseBoolean(parts[4]);
        suppressionReported = Boolean.parseBoolean(parts[5]);
    }

    GuardSignal signal() {
        return signal;
    }

    GuardSource source() {
        return source;
    }

    SourceState state() {
        return state;
    }

    int episodes() {
        return episodes;
    }

    long recoveryCooldownUntilTick() {
        return recoveryCooldownUntilTick;
    }
}
