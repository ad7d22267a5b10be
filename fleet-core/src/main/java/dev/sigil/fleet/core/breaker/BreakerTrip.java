package dev.sigil.fleet.core.breaker;

/**
 * The trip a tick asks for: a hard safety limit, tripped by the risk manager, or a guard HALT, tripped by the runner.
 * A limit HALTs its session too (the risk reason is then also the halt reason); either way the breaker is tripped
 * once, by the one that caused it.
 *
 * @param detail what the notification adds to the reason (null: nothing)
 */
public record BreakerTrip(String reason, BreakerActor actor, String detail) {

    /**
     * @param haltReason the tick's halt reason (null: no HALT)
     * @param riskReason the risk limit the tick breached for the first time (null: none)
     * @return the trip, or null when the tick asks for none
     */
    public static BreakerTrip after(String haltReason, String riskReason, String haltDetail) {
        if (riskReason != null) {
            return new BreakerTrip(riskReason, BreakerActor.RISK_MANAGER, haltDetail);
        }
        return haltReason == null ? null : new BreakerTrip(haltReason, BreakerActor.RUNNER, haltDetail);
    }
}
