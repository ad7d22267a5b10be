package dev.sigil.fleet.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatCheckTest {

    private static final Instant NOW = Instant.parse("2025-07-01T12:00:00Z");
    private static final HeartbeatCheck.Thresholds DEFAULTS = new HeartbeatCheck.Thresholds(Duration.ofSeconds(1500), Duration.ofSeconds(900),
            Duration.ofSeconds(300));

    private static Heartbeat beat(long startAgo, long endAgo, Instant newestCandle) {
        return new Heartbeat("baseline", NOW.minusSeconds(startAgo), NOW.minusSeconds(endAgo), newestCandle, 10, 1L, "lxc1", 42L);
    }

    @Test
    void staleOnlyOnceNoCycleHasEndedForLongerThanStaleAfter() {
        assertThat(HeartbeatCheck.evaluate(beat(1500, 1500, null), NOW, null, DEFAULTS).state()).isEqualTo(HeartbeatState.FRESH);
        HeartbeatCheck.Verdict stale = HeartbeatCheck.evaluate(beat(1501, 1501, null), NOW, null, DEFAULTS);
        assertThat(stale.state()).isEqualTo(HeartbeatState.STALE);
        assertThat(stale.age()).isEqualTo(Duration.ofSeconds(1501));
        assertThat(stale.summary()).isEqualTo("no scan cycle has ended for 25 min");
    }

    @Test
    void noHeartbeatAtAllIsStale() {
        assertThat(HeartbeatCheck.evaluate(null, NOW, null, DEFAULTS).state()).isEqualTo(HeartbeatState.STALE);
        assertThat(HeartbeatCheck.evaluate(null, NOW, null, DEFAULTS).age()).isNull();
    }

    @Test
    void aCycleStartedLongAfterTheLastEndIsReportedAsStuckWithItsAge() {
        HeartbeatCheck.Verdict inProgress = HeartbeatCheck.evaluate(beat(20, 80, null), NOW, null, DEFAULTS);
        HeartbeatCheck.Verdict stuck = HeartbeatCheck.evaluate(beat(400, 460, null), NOW, null, DEFAULTS);
        HeartbeatCheck.Verdict dead = HeartbeatCheck.evaluate(beat(1600, 1700, null), NOW, null, DEFAULTS);

        assertThat(inProgress.state()).isEqualTo(HeartbeatState.FRESH);
        assertThat(inProgress.summary()).isEqualTo("a cycle is in progress (20 s)");
        assertThat(stuck.state()).isEqualTo(HeartbeatState.CYCLE_STUCK);
        assertThat(stuck.cycleRunning()).isEqualTo(Duration.ofSeconds(400));
        assertThat(dead.state()).isEqualTo(HeartbeatState.STALE);
        assertThat(dead.summary()).contains("a cycle started 26 min ago has not ended");
    }

    @Test
    void freshHeartbeatWithACandleThatStoppedMovingIsDataStalled() {
        Instant candle = NOW.minusSeconds(3000);
        // the last cycle ended 29 s ago; cycles have kept ending for 899 s, then 901 s, since the candle last moved
        assertThat(HeartbeatCheck.evaluate(beat(30, 29, candle), NOW, NOW.minusSeconds(928), DEFAULTS).state()).isEqualTo(HeartbeatState.FRESH);
        HeartbeatCheck.Verdict stalled = HeartbeatCheck.evaluate(beat(30, 29, candle), NOW, NOW.minusSeconds(930), DEFAULTS);
        assertThat(stalled.state()).isEqualTo(HeartbeatState.DATA_STALLED);
        assertThat(stalled.dataStill()).isEqualTo(Duration.ofSeconds(930));
        assertThat(stalled.summary()).contains("has not moved for 15 min");
    }

    @Test
    void aDeadScannersStillCandleIsStaleNotDataStalled() {
        Instant candle = NOW.minusSeconds(1000);
        HeartbeatCheck.Verdict verdict = HeartbeatCheck.evaluate(beat(1001, 1000, candle), NOW, NOW.minusSeconds(1000), DEFAULTS);
        assertThat(verdict.state()).as("cycles stopped with the data: not stale yet, not data stalled either").isEqualTo(HeartbeatState.FRESH);
        assertThat(HeartbeatCheck.evaluate(beat(1600, 1600, candle), NOW, NOW.minusSeconds(1600), DEFAULTS).state()).isEqualTo(HeartbeatState.STALE);
    }

    @Test
    void durationsReadLikeWords() {
        assertThat(HeartbeatCheck.words(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(HeartbeatCheck.words(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(HeartbeatCheck.words(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
        assertThat(HeartbeatCheck.words(Duration.ofHours(52))).isEqualTo("2 d 4 h");
    }

    @Test
    void aCleanStopIsStoppedNotStaleHoweverOldItsHeartbeat() {
        HeartbeatCheck.CleanStop stop = new HeartbeatCheck.CleanStop(NOW.minusSeconds(7200), "signal_term");

        HeartbeatCheck.Verdict stopped = HeartbeatCheck.evaluate(beat(7200, 7200, null), NOW, null, DEFAULTS, stop);

        assertThat(stopped.state()).isEqualTo(HeartbeatState.STOPPED);
        assertThat(stopped.state().incident()).isFalse();
        assertThat(stopped.summary()).isEqualTo("stopped 2 h 0 min ago (signal_term); no runner holds its lock");
        assertThat(HeartbeatCheck.evaluate(beat(7200, 7200, null), NOW, null, DEFAULTS, null).state()).isEqualTo(HeartbeatState.STALE);
    }
}
