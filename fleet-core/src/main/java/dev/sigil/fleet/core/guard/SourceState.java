package dev.sigil.fleet.core.guard;

import java.util.Map;

/**
 * One guard source's state, with its transitions as an explicit table. A move the table does not have fails,
 * naming the state and the trigger.
 *
 * <pre>
 * NORMAL             --FIRE-------------------> DEGRADED            (first episode, or no cool-down configured)
 * NORMAL             --FIRE_AFTER_RECOVERY----> RECOVERY_COOLDOWN   (re-fired after a recovery: recovery suppressed)
 * RECOVERY_COOLDOWN  --COOLDOWN_EXPIRED-------> DEGRADED            (recovery is evaluated again)
 * DEGRADED           --RECOVER----------------> NORMAL              (exit condition held for the stability period)
 * </pre>
 */
public enum SourceState {
    NORMAL("normal"),
    DEGRADED("degraded"),
    RECOVERY_COOLDOWN("recovery_cooldown_active");

    /** What can happen to a source. */
    public enum Trigger { FIRE, FIRE_AFTER_RECOVERY, COOLDOWN_EXPIRED, RECOVER }

    private static final Map<SourceState, Map<Trigger, SourceState>> TRANSITIONS = Map.of(
            NORMAL, Map.of(Trigger.FIRE, DEGRADED, Trigger.FIRE_AFTER_RECOVERY, RECOVERY_COOLDOWN),
            RECOVERY_COOLDOWN, Map.of(Trigger.COOLDOWN_EXPIRED, DEGRADED),
            DEGRADED, Map.of(Trigger.RECOVER, NORMAL));

    private final String token;

    SourceState(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public SourceState on(Trigger trigger) {
        SourceState next = TRANSITIONS.get(this).get(trigger);
        if (next == null) {
            throw new IllegalStateException("a guard source in state " + token + " cannot take trigger " + trigger);
        }
        return next;
    }

    /** The state of this token (as engine_state keeps it). */
    public static SourceState ofToken(String token) {
        for (SourceState state : values()) {
            if (state.token.equals(token)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no guard source state '" + token + "'");
    }

    /** Whether the source holds the engine out of ACTIVE. */
    public boolean degraded() {
        return this != NORMAL;
    }
}
