package dev.sigil.fleet.core.incident;

import static dev.sigil.fleet.core.heartbeat.HeartbeatState.DATA_STALLED;
import static dev.sigil.fleet.core.heartbeat.HeartbeatState.STALE;
import static dev.sigil.fleet.core.heartbeat.HeartbeatState.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.incident.IncidentPolicy.Alert;
import dev.sigil.fleet.core.incident.IncidentPolicy.Close;
import dev.sigil.fleet.core.incident.IncidentPolicy.Facts;
import dev.sigil.fleet.core.incident.IncidentPolicy.NotifyRecovery;
import dev.sigil.fleet.core.incident.IncidentPolicy.Open;
import dev.sigil.fleet.core.incident.IncidentPolicy.OpenIncident;
import dev.sigil.fleet.core.incident.IncidentPolicy.Remind;
import dev.sigil.fleet.core.incident.IncidentPolicy.ReportFlapping;
import dev.sigil.fleet.core.incident.IncidentPolicy.StillDown;
import dev.sigil.fleet.core.incident.IncidentPolicy.TripBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final IncidentPolicy policy = new IncidentPolicy(new IncidentPolicy.Thresholds(Duration.ofMinutes(60), 3));

    private static Facts down(dev.sigil.fleet.core.heartbeat.HeartbeatState kind, OpenIncident open) {
        return new Facts(kind, true, true, open, 0, null, List.of());
    }

    private static OpenIncident alerted(int alerts, Instant at, boolean breakerTripped) {
        return new OpenIncident(7, NOW.minus(Duration.ofHours(3)), at, alerts, false, breakerTripped);
    }

    @Test
    void staleHeartbeatOpensAnIncidentTripsTheBreakerAndAlerts() {
        assertThat(policy.decide(down(STALE, null), NOW))
                .containsExactly(new Open(STALE, false), new TripBreaker("stale_heartbeat"), new Alert(STALE));
    }

    @Test
    void dataStalledTripsTheBreakerWithItsOwnReason() {
        assertThat(policy.decide(down(DATA_STALLED, null), NOW))
                .containsExactly(new Open(DATA_STALLED, false), new TripBreaker("data_stalled"), new Alert(DATA_STALLED));
    }

    @Test
    void aScannerThatNeverBeatIsAlertedButItsBreakerIsLeftAlone() {
        assertThat(policy.decide(new Facts(STALE, false, true, null, 0, null, List.of()), NOW))
                .containsExactly(new Open(STALE, false), new Alert(STALE));
    }

    @Test
    void anUnreachableDatabaseIsAlertedWithoutATripItCouldNotMake() {
        assertThat(policy.decide(new Facts(UNREACHABLE, true, false, null, 0, null, List.of()), NOW))
                .containsExactly(new Open(UNREACHABLE, false), new Alert(UNREACHABLE));
    }

    @Test
    void theBreakerIsTrippedOncePerIncidentSoAPersonsResetHolds() {
        assertThat(policy.decide(down(STALE, alerted(1, NOW.minus(Duration.ofMinutes(5)), true)), NOW)).containsExactly(new StillDown(STALE));
    }

    @Test
    void aReminderEveryRealertMinutesNeverPerCheck() {
        assertThat(policy.decide(down(STALE, alerted(1, NOW.minus(Duration.ofMinutes(59)), true)), NOW)).containsExactly(new StillDown(STALE));
        assertThat(policy.decide(down(STALE, alerted(1, NOW.minus(Duration.ofMinutes(60)), true)), NOW))
                .containsExactly(new StillDown(STALE), new Remind(STALE, 1));
        assertThat(policy.decide(down(STALE, alerted(2, NOW.minus(Duration.ofMinutes(61)), true)), NOW))
                .containsExactly(new StillDown(STALE), new Remind(STALE, 2));
    }

    @Test
    void aFirstAlertThatWasNotDeliveredIsTriedAgainAtTheNextCheck() {
        assertThat(policy.decide(down(STALE, alerted(0, null, true)), NOW)).containsExactly(new StillDown(STALE), new Alert(STALE));
    }

    @Test
    void theFlapThresholdMakesTheNextIncidentFlappingReportedOnceAnHourWithoutAlerts() {
        Facts thirdThisHour = new Facts(STALE, true, true, null, 3, null, List.of());
        assertThat(policy.decide(thirdThisHour, NOW)).containsExactly(new Open(STALE, true), new TripBreaker("stale_heartbeat"), new ReportFlapping(4));

        OpenIncident flapping = new OpenIncident(9, NOW.minus(Duration.ofMinutes(5)), null, 0, true, true);
        assertThat(policy.decide(new Facts(STALE, true, true, flapping, 4, NOW.minus(Duration.ofMinutes(30)), List.of()), NOW))
                .containsExactly(new StillDown(STALE));
        assertThat(policy.decide(new Facts(STALE, true, true, flapping, 4, NOW.minus(Duration.ofMinutes(60)), List.of()), NOW))
                .containsExactly(new StillDown(STALE), new ReportFlapping(4));
    }

    @Test
    void recoveryClosesTheIncidentAndNotifiesOnlyWhenItWasAlerted() {
        Facts up = new Facts(null, true, true, alerted(2, NOW.minus(Duration.ofMinutes(10)), true), 1, null, List.of());
        assertThat(policy.decide(up, NOW)).containsExactly(new Close(7), new NotifyRecovery(7));

        Facts upUnalerted = new Facts(null, true, true, alerted(0, null, true), 1, null, List.of());
        assertThat(policy.decide(upUnalerted, NOW)).containsExactly(new Close(7));
    }

    @Test
    void aRecoveryNoticeThatFailedIsSentAtTheNextCheck() {
        assertThat(policy.decide(new Facts(null, true, true, null, 0, null, List.of(5L, 6L)), NOW))
                .containsExactly(new NotifyRecovery(5), new NotifyRecovery(6));
    }

    @Test
    void anUpVariantWithNothingOpenNeedsNothing() {
        assertThat(policy.decide(new Facts(null, true, true, null, 0, null, List.of()), NOW)).isEmpty();
    }

    @Test
    void aStoppedVariantIsNotDownItGetsOneNoticeAndNoTrip() {
        Facts stopped = new Facts(null, true, true, null, 0, null, List.of(), false, new IncidentPolicy.Stop(12, false));
        assertThat(policy.decide(stopped, NOW)).containsExactly(new IncidentPolicy.NotifyStopped(12));

        Facts noticed = new Facts(null, true, true, null, 0, null, List.of(), false, new IncidentPolicy.Stop(12, true));
        assertThat(policy.decide(noticed, NOW)).isEmpty();
    }

    @Test
    void aStaleVariantThatTurnsOutStoppedHasItsIncidentClosedWithoutARecoveryNotice() {
        Facts stopped = new Facts(null, true, true, alerted(1, NOW.minus(Duration.ofMinutes(5)), true), 1, null, List.of(), false,
                new IncidentPolicy.Stop(12, false));
        assertThat(policy.decide(stopped, NOW)).containsExactly(new Close(7), new IncidentPolicy.NotifyStopped(12));
    }

    @Test
    void aPausedVariantIsNotAlertedNorTrippedAndIsTreatedAsUsualOnceThePauseEnds() {
        Facts pausedDown = new Facts(STALE, true, true, null, 0, null, List.of(), true, null);
        assertThat(policy.decide(pausedDown, NOW)).isEmpty();

        Facts pausedOpen = new Facts(STALE, true, true, alerted(1, NOW.minus(Duration.ofHours(2)), false), 1, null, List.of(), true, null);
        assertThat(policy.decide(pausedOpen, NOW)).containsExactly(new StillDown(STALE));

        Facts pauseOver = new Facts(STALE, true, true, null, 0, null, List.of(), false, null);
        assertThat(policy.decide(pauseOver, NOW)).containsExactly(new Open(STALE, false), new TripBreaker("stale_heartbeat"), new Alert(STALE));
    }

    @Test
    void aRecoveryDuringAPauseClosesTheIncidentAndIsToldAfterThePause() {
        Facts upPaused = new Facts(null, true, true, alerted(1, NOW.minus(Duration.ofMinutes(5)), true), 1, null, List.of(), true, null);
        assertThat(policy.decide(upPaused, NOW)).containsExactly(new Close(7));

        Facts upAfter = new Facts(null, true, true, null, 0, null, List.of(7L), false, null);
        assertThat(policy.decide(upAfter, NOW)).containsExactly(new NotifyRecovery(7));
    }
}
