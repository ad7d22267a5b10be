package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.risk.RiskManager;
import java.time.Instant;
import java.util.List;

/**
 * The engine's safety layer for one tick: the session's guard machine and the variant's risk manager, reduced to
 * the mode, one entry reject reason, a halt reason and a breaker trip request. A risk limit that trips the breaker
 * (daily loss, drawdown) HALTs the session with its own reason ({@code max_daily_loss}, {@code max_drawdown}). HALT
 * outranks everything; a risk block outranks DEGRADED; the stoploss pause comes last.
 */
public final class Safety {

    /** What safety decided on a tick. */
    public record Verdict(Mode mode, String entryRejectReason, String haltReason, String breakerTripReason, List<GuardEvent> events) {

        /** What the HALT event says beyond its reason (the measurement behind it), or null without a HALT. */
        public String haltDetail() {
            if (haltReason == null) {
                return null;
            }
            return events.stream().filter(event -> event.type() == GuardEvent.Type.HALT).map(event -> event.detail().startsWith(haltReason + " ")
                    ? event.detail().substring(haltReason.length() + 1) : event.detail()).findFirst().orElse(null);
        }

        /** A quiet tick (no guard event, no risk block): one shared value per mode, nothing allocated. */
        private static final Verdict QUIET_ACTIVE = new Verdict(Mode.ACTIVE, null, null, null, List.of());
        private static final Verdict QUIET_DEGRADED = new Verdict(Mode.DEGRADED, Mode.DEGRADED.entryRejectReason(), null, null, List.of());
    }

    private final RiskManager risk;
    private final GuardMachine guards;

    public Safety(SigilConfig config, RiskManager risk) {
        this(new GuardMachine(config.guard(), config.tickSeconds()), risk);
    }

    /** The safety layer with these guards (an engine reconfigured between sessions keeps its guards' windows). */
    public Safety(GuardMachine guards, RiskManager risk) {
        this.guards = guards;
        this.risk = risk;
    }

    /** A new session: guard counters, mode and halt reason start from zero; windows and the risk manager carry on. */
    public void newSession() {
        guards.newSession();
    }

    public Verdict assess(long tick, Instant now, GuardInputs inputs, double equity, List<ClosedPosition> exits) {
        GuardMachine.Outcome outcome = guards.evaluate(tick, inputs);
        RiskManager.Verdict riskVerdict = risk.evaluate(now, equity, exits);
        if (riskVerdict.breakerTripReason() != null) {
            // a hard safety limit ends the session, with its own reason, like a guard's HALT
            outcome = guards.haltOnLimit(tick, riskVerdict.breakerTripReason(), riskVerdict.tripDetail(), outcome);
        }
        if (outcome == GuardMachine.Outcome.QUIET_ACTIVE && riskVerdict == RiskManager.Verdict.CLEAR) {
            return Verdict.QUIET_ACTIVE;
        }
        if (outcome == GuardMachine.Outcome.QUIET_DEGRADED && riskVerdict == RiskManager.Verdict.CLEAR) {
            return Verdict.QUIET_DEGRADED;
        }
        String reject;
        if (outcome.mode() == Mode.HALT) {
            reject = Mode.HALT.entryRejectReason();
        } else if (riskVerdict.entryBlockReason() != null && !RiskManager.STOPLOSS_GUARD.equals(riskVerdict.entryBlockReason())) {
            reject = riskVerdict.entryBlockReason();
        } else if (outcome.mode() == Mode.DEGRADED) {
            reject = Mode.DEGRADED.entryRejectReason();
        } else {
            reject = riskVerdict.entryBlockReason();
        }
        return new Verdict(outcome.mode(), reject, outcome.haltReason(), riskVerdict.breakerTripReason(), outcome.events());
    }

    public GuardMachine guards() {
        return guards;
    }

    public RiskManager risk() {
        return risk;
    }
}
