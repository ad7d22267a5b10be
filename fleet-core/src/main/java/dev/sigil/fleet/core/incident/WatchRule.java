package dev.sigil.fleet.core.incident;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.core.session.EndReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The watch's one decision about a variant, with no I/O, which the monitor, the probe ({@code fleet heartbeat check})
 * and {@code fleet status} all use: whether its last session ended on purpose (a clean stop), the dead-man verdict on
 * its heartbeat ({@link HeartbeatCheck}), the incident kind that verdict calls for, and the incident actions
 * ({@link IncidentPolicy}) — for an incident kept in the variant's database, and for a database that cannot be reached.
 */
public final class WatchRule {

    private final HeartbeatCheck.Thresholds thresholds;
    private final IncidentPolicy policy;

    public WatchRule(HeartbeatCheck.Thresholds thresholds, IncidentPolicy.Thresholds incidents) {
        this.thresholds = thresholds;
        this.policy = new IncidentPolicy(incidents);
    }

    public HeartbeatCheck.Thresholds thresholds() {
        return thresholds;
    }

    /**
     * A clean stop, or null: the variant's last session ended at {@code endedAt} (null: it has not ended) for an end
     * that is {@link EndReason#clean() clean}, and no runner holds its instance lock.
     *
     * @param endReason the last session's end reason as recorded (null when none; a word this code does not know is not clean)
     */
    public static HeartbeatCheck.CleanStop cleanStop(Instant endedAt, String endReason, boolean lockHeld) {
        if (endedAt == null || endReason == null || lockHeld) {
            return null;
        }
        return EndReason.known(endReason).filter(EndReason::clean).map(reason -> new HeartbeatCheck.CleanStop(endedAt, endReason)).orElse(null);
    }

    /** The dead-man verdict (see {@link HeartbeatCheck#evaluate(Heartbeat, Instant, Instant, HeartbeatCheck.Thresholds, HeartbeatCheck.CleanStop)}). */
    public HeartbeatCheck.Verdict judge(Heartbeat heartbeat, Instant now, Instant candleAdvancedAt, HeartbeatCheck.CleanStop stop) {
        return HeartbeatCheck.evaluate(heartbeat, now, candleAdvancedAt, thresholds, stop);
    }

    /** The incident kind kept in the variant's database that {@code verdict} calls for (stale, data stalled), or null. */
    public static HeartbeatState down(HeartbeatCheck.Verdict verdict) {
        return verdict.state() == HeartbeatState.STALE || verdict.state() == HeartbeatState.DATA_STALLED ? verdict.state() : null;
    }

    /** The incident actions for what was read of a variant whose database answers. */
    public List<IncidentPolicy.Action> decide(IncidentPolicy.Facts facts, Instant now) {
        return policy.decide(facts, now);
    }

    /** The actions for a database that cannot be reached; its incident is kept locally ({@code open}: the one open, or null). */
    public List<IncidentPolicy.Action> unreachable(IncidentPolicy.OpenIncident open, Instant now) {
        return policy.decide(new IncidentPolicy.Facts(HeartbeatState.UNREACHABLE, true, false, open, 0, null, List.of()), now);
    }

    /** The actions for a database that answers again while its unreachable incident ({@code open}) is still open locally. */
    public List<IncidentPolicy.Action> reachableAgain(IncidentPolicy.OpenIncident open, Instant now) {
        return policy.decide(new IncidentPolicy.Facts(null, true, false, open, 0, null, List.of()), now);
    }

    /** The rule from the fleet file's monitor settings (in seconds and minutes, as the file has them). */
    public static WatchRule of(Duration staleAfter, Duration dataStaleAfter, Duration stuckAfter, Duration realert, int flapThreshold) {
        return new WatchRule(new HeartbeatCheck.Thresholds(staleAfter, dataStaleAfter, stuckAfter), new IncidentPolicy.Thresholds(realert, flapThreshold));
    }
}
