package dev.sigil.fleet.core.incident;

import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the monitor does about one variant after one check, decided from what it read: the incident rules in one
 * place, for incidents kept in the variant's database (stale, data stalled) and for those kept locally (database
 * unreachable).
 * <ul>
 *   <li>Down with no open incident: open one (flapping when {@code flap_threshold} incidents opened in the last hour).</li>
 *   <li>Down: trip the breaker once per incident — only where it can be tripped, and not for a scanner that has never
 *       beaten (nothing in flight to protect).</li>
 *   <li>Down, flapping: one flapping report an hour and no alerts.</li>
 *   <li>Down, not flapping: the first alert until one is delivered; then a reminder every {@code realert}, never
 *       per check.</li>
 *   <li>Up: close the open incident; a recovery notice for each closed incident that was alerted and not yet told
 *       of its recovery.</li>
 *   <li>Stopped on purpose: not down — no incident, no trip; one informational notice per stop.</li>
 *   <li>Paused: nothing is opened, tripped or sent; an incident still closes when the variant is up, and its recovery
 *       notice goes out once the pause is over. A variant still down when its pause ends is treated as usual.</li>
 * </ul>
 * The executor's claims (compare-and-set on what was read) make two monitors deliver each message once.
 */
public final class IncidentPolicy {

    /** @param realert between reminders of one incident; @param flapThreshold incidents an hour that make the next one flapping */
    public record Thresholds(Duration realert, int flapThreshold) {
    }

    /** The open incident as read. */
    public record OpenIncident(long id, Instant openedAt, Instant alertedAt, int alerts, boolean flapping, boolean breakerTripped) {
    }

    /**
     * What the check read.
     *
     * @param down the incident kind the verdict calls for (a state that is an incident: stale, data stalled,
     *             unreachable), or null when the variant is up
     * @param everBeat whether the scanner has ever written a heartbeat
     * @param canTrip whether the breaker can be tripped (its database answers)
     * @param open the open incident, or null
     * @param openedLastHour incidents opened in the hour before now
     * @param lastFlappingReport when the last flapping report went out, or null
     * @param unnotifiedRecoveries closed incidents that were alerted and whose recovery notice has not gone out
     */
    public record Facts(HeartbeatState down, boolean everBeat, boolean canTrip, OpenIncident open, int openedLastHour, Instant lastFlappingReport,
                        List<Long> unnotifiedRecoveries, boolean paused, Stop stop) {

        public Facts {
            if (down != null && !down.incident()) {
                throw new IllegalArgumentException(down + " is not an incident");
            }
        }

        /** Not paused, not stopped. */
        public Facts(HeartbeatState down, boolean everBeat, boolean canTrip, OpenIncident open, int openedLastHour, Instant lastFlappingReport,
                     List<Long> unnotifiedRecoveries) {
            this(down, everBeat, canTrip, open, openedLastHour, lastFlappingReport, unnotifiedRecoveries, false, null);
        }
    }

    /** A clean stop: of its last session {@code session}; {@code noticed} once its notice went out. */
    public record Stop(long session, boolean noticed) {
    }

    /** One thing to do. The executor acts on the incident open after {@link Open} or {@link StillDown}. */
    public sealed interface Action permits Open, StillDown, TripBreaker, Alert, Remind, ReportFlapping, Close, NotifyRecovery, NotifyStopped {
    }

    /** Open an incident of {@code kind}. */
    public record Open(HeartbeatState kind, boolean flapping) implements Action {
    }

    /** The open incident is still seen (its detail and last-seen time move on). */
    public record StillDown(HeartbeatState kind) implements Action {
    }

    /** Trip the variant's circuit breaker for this incident, with {@code reason}. */
    public record TripBreaker(String reason) implements Action {
    }

    /** The incident's first alert. */
    public record Alert(HeartbeatState kind) implements Action {
    }

    /** A reminder: the incident is still open ({@code alertsBefore} went out before). */
    public record Remind(HeartbeatState kind, int alertsBefore) implements Action {
    }

    /** The hourly flapping report instead of alerts. */
    public record ReportFlapping(int incidentsLastHour) implements Action {
    }

    /** Close the open incident (the variant is up). */
    public record Close(long incident) implements Action {
    }

    /** Tell that this alerted incident has recovered. */
    public record NotifyRecovery(long incident) implements Action {
    }

    /** Tell, once, that the variant was stopped on purpose after {@code session}. */
    public record NotifyStopped(long session) implements Action {
    }

    private static final Duration FLAPPING_REPORT_EVERY = Duration.ofHours(1);

    private final Thresholds thresholds;

    public IncidentPolicy(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public List<Action> decide(Facts facts, Instant now) {
        List<Action> actions = new ArrayList<>();
        OpenIncident open = facts.open();
        if (facts.down() == null) {
            List<Long> recoveries = new ArrayList<>(facts.unnotifiedRecoveries());
            if (open != null) {
                actions.add(new Close(open.id()));
                if (open.alerts() > 0 && facts.stop() == null && !recoveries.contains(open.id())) {
                    recoveries.add(open.id());
                }
            }
            if (!facts.paused()) {
                recoveries.forEach(id -> actions.add(new NotifyRecovery(id)));
                if (facts.stop() != null && !facts.stop().noticed()) {
                    actions.add(new NotifyStopped(facts.stop().session()));
                }
            }
            return actions;
        }
        if (facts.paused()) {
            if (open != null) {
                actions.add(new StillDown(facts.down()));
            }
            return actions;
        }
        boolean flapping;
        int lastHour = facts.openedLastHour();
        if (open == null) {
            flapping = lastHour >= thresholds.flapThreshold();
            actions.add(new Open(facts.down(), flapping));
            lastHour++;
            open = new OpenIncident(-1, now, null, 0, flapping, false);
        } else {
            flapping = open.flapping();
            actions.add(new StillDown(facts.down()));
        }
        if (facts.everBeat() && facts.canTrip() && !open.breakerTripped()) {
            actions.add(new TripBreaker(facts.down() == HeartbeatState.STALE ? "stale_heartbeat" : facts.down().token()));
        }
        if (flapping) {
            if (facts.lastFlappingReport() == null || !facts.lastFlappingReport().plus(FLAPPING_REPORT_EVERY).isAfter(now)) {
                actions.add(new ReportFlapping(lastHour));
            }
        } else if (open.alerts() == 0) {
            actions.add(new Alert(facts.down()));
        } else if (open.alertedAt() == null || !open.alertedAt().plus(thresholds.realert()).isAfter(now)) {
            actions.add(new Remind(facts.down(), open.alerts()));
        }
        return actions;
    }
}
