package dev.sigil.fleet.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.heartbeat.Heartbeat;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchRuleTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private final WatchRule rule = WatchRule.of(Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(60), 3);

    private static Heartbeat endedAgo(Duration ago) {
        return new Heartbeat("baseline", NOW.minus(ago).minusSeconds(1), NOW.minus(ago), NOW.minus(ago), 10, 1L, "host", 42L);
    }

    @Test
    void aCleanEndWithNoRunnerHoldingTheLockIsAStop() {
        assertThat(WatchRule.cleanStop(NOW, "signal_term", false)).isEqualTo(new HeartbeatCheck.CleanStop(NOW, "signal_term"));
        assertThat(WatchRule.cleanStop(NOW, "replay_exhausted", false)).isNotNull();
        assertThat(WatchRule.cleanStop(NOW, "duration_elapsed", false)).isNotNull();
    }

    @Test
    void aHaltACrashAnOpenSessionOrAHeldLockIsNoStop() {
        assertThat(WatchRule.cleanStop(NOW, "halt:degraded_episode_cap", false)).isNull();
        assertThat(WatchRule.cleanStop(NOW, "aborted", false)).isNull();
        assertThat(WatchRule.cleanStop(null, null, false)).as("still open").isNull();
        assertThat(WatchRule.cleanStop(NOW, "signal_term", true)).as("a runner holds the lock").isNull();
        assertThat(WatchRule.cleanStop(NOW, "something_else", false)).as("a word this code does not know").isNull();
    }

    @Test
    void aStoppedVariantIsNotStaleHoweverOldItsHeartbeat() {
        Heartbeat old = endedAgo(Duration.ofHours(5));

        assertThat(rule.judge(old, NOW, null, null).state()).isEqualTo(HeartbeatState.STALE);
        assertThat(rule.judge(old, NOW, null, WatchRule.cleanStop(NOW.minusSeconds(30), "signal_term", false)).state())
                .isEqualTo(HeartbeatState.STOPPED);
        assertThat(rule.judge(endedAgo(Duration.ofSeconds(20)), NOW, null, null).state()).isEqualTo(HeartbeatState.FRESH);
    }

    @Test
    void onlyStaleAndDataStalledAreIncidentsKeptInTheVariantsDatabase() {
        assertThat(WatchRule.down(rule.judge(endedAgo(Duration.ofHours(5)), NOW, null, null))).isEqualTo(HeartbeatState.STALE);
        assertThat(WatchRule.down(rule.judge(endedAgo(Duration.ofSeconds(20)), NOW, NOW.minus(Duration.ofMinutes(30)), null)))
                .isEqualTo(HeartbeatState.DATA_STALLED);
        assertThat(WatchRule.down(rule.judge(endedAgo(Duration.ofSeconds(20)), NOW, null, null))).isNull();
    }

    @Test
    void anUnreachableDatabaseIsAlertedNeverTrippedAndClosedWhenItAnswers() {
        assertThat(rule.unreachable(null, NOW)).containsExactly(new IncidentPolicy.Open(HeartbeatState.UNREACHABLE, false),
                new IncidentPolicy.Alert(HeartbeatState.UNREACHABLE));
        IncidentPolicy.OpenIncident alerted = new IncidentPolicy.OpenIncident(0, NOW.minusSeconds(600), NOW.minusSeconds(600), 1, false, true);
        assertThat(rule.reachableAgain(alerted, NOW)).containsExactly(new IncidentPolicy.Close(0), new IncidentPolicy.NotifyRecovery(0));
        assertThat(rule.decide(new IncidentPolicy.Facts(HeartbeatState.STALE, true, true, null, 0, null, List.of()), NOW))
                .contains(new IncidentPolicy.TripBreaker("stale_heartbeat"));
    }
}
