package dev.sigil.fleet.watch;

import dev.sigil.fleet.core.incident.IncidentPolicy;
import dev.sigil.fleet.core.incident.WatchRule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A variant database the monitor cannot reach: its incident is kept in a local file ({@link LocalIncidents}), under
 * the same rule ({@link WatchRule#unreachable}; no trip: it cannot be made); when the database answers again the rule
 * closes it and tells of it if it was alerted.
 */
final class UnreachableIncidents {

    private static final Logger LOG = LoggerFactory.getLogger(UnreachableIncidents.class);

    private final LocalIncidents incidents;
    private final WatchRule rule;
    private final AlertComposer compose;
    private final Delivery delivery;

    UnreachableIncidents(Path file, WatchRule rule, AlertComposer compose, Delivery delivery) {
        this.incidents = new LocalIncidents(file);
        this.rule = rule;
        this.compose = compose;
        this.delivery = delivery;
    }

    /** The database did not answer ({@code error}: why). */
    void unreachable(String variant, String error, Instant now, List<String> actions) {
        IncidentPolicy.OpenIncident open = incidents.get(variant).map(UnreachableIncidents::asOpen).orElse(null);
        LocalIncidents.Incident incident = null;
        for (IncidentPolicy.Action action : rule.unreachable(open, now)) {
            switch (action) {
                case IncidentPolicy.Open ignored -> incident = incidents.openOrTouch(variant, now, error);
                case IncidentPolicy.StillDown ignored -> incident = incidents.openOrTouch(variant, now, error);
                case IncidentPolicy.Alert ignored -> {
                    LOG.error("{}: database unreachable: {}", variant, error);
                    deliver(variant, error, incident, now, actions, "alerted");
                }
                case IncidentPolicy.Remind ignored -> deliver(variant, error, incident, now, actions, "reminded");
                default -> throw new IllegalStateException("not an action for an unreachable database: " + action);
            }
        }
    }

    /** The database answers: an unreachable incident still open is closed, and its recovery told if it was alerted. */
    void reachable(String variant, Instant now, List<String> actions) {
        Optional<LocalIncidents.Incident> open = incidents.get(variant);
        if (open.isEmpty()) {
            return;
        }
        LocalIncidents.Incident incident = open.get();
        for (IncidentPolicy.Action action : rule.reachableAgain(asOpen(incident), now)) {
            switch (action) {
                case IncidentPolicy.Close ignored -> {
                    incidents.close(variant);
                    LOG.info("{}: database reachable again", variant);
                }
                case IncidentPolicy.NotifyRecovery ignored -> {
                    if (delivery.send(variant, "recovered", compose.databaseBack(variant, incident.openedAt(), now))) {
                        actions.add("recovery notified");
                    }
                }
                default -> throw new IllegalStateException("not an action for a database back: " + action);
            }
        }
    }

    private void deliver(String variant, String error, LocalIncidents.Incident incident, Instant now, List<String> actions, String done) {
        if (delivery.send(variant, "unreachable", compose.unreachable(variant, error, incident.alerts(), incident.openedAt(), now))) {
            incidents.delivered(variant, now);
            actions.add(done);
        } else {
            actions.add("alert failed");
        }
    }

    private static IncidentPolicy.OpenIncident asOpen(LocalIncidents.Incident incident) {
        return new IncidentPolicy.OpenIncident(0, incident.openedAt(), incident.alertedAt(), incident.alerts(), false, true);
    }
}
