package dev.sigil.fleet.core.guard;

/**
 * Something the guard machine did on a tick. {@code source} is null for mode changes and halts. The string form
 * ({@code t12 anchor_saturation degraded episode=2 cooldown_until=132}) is what tests compare and logs print.
 */
public record GuardEvent(long tick, GuardSource source, Type type, String detail) {

    /** The kinds of event, with the token logs and metrics use. */
    public enum Type {
        DEGRADED("degraded"),
        RECOVERED("recovered"),
        STABILITY_RESET("stability_reset"),
        RECOVERY_SUPPRESSED_BY_COOLDOWN("recovery_suppressed_by_cooldown"),
        COOLDOWN_ENDED("recovery_cooldown_ended"),
        MODE_CHANGED("mode"),
        HALT("halt");

        private final String token;

        Type(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    @Override
    public String toString() {
        return "t" + tick + (source == null ? "" : " " + source.token()) + " " + type.token() + (detail.isEmpty() ? "" : " " + detail);
    }
}
