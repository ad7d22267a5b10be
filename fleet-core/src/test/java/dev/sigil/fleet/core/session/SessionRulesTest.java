package dev.sigil.fleet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.session.SessionRules.Next;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aReplayRollsOverOnItsDurationUntilItsDataEnds() {
        assertThat(SessionRules.next(EndReason.DURATION_ELAPSED, false, false, false, false)).isEqualTo(Next.ROLL_OVER);
        assertThat(SessionRules.next(EndReason.REPLAY_EXHAUSTED, false, false, false, false)).isEqualTo(Next.STOP);
    }

    @Test
    void liveAfterSessionDecidesWhetherADurationEndIsFollowedByAnother() {
        assertThat(SessionRules.next(EndReason.DURATION_ELAPSED, true, true, false, false)).isEqualTo(Next.ROLL_OVER);
        assertThat(SessionRules.next(EndReason.DURATION_ELAPSED, true, false, false, false)).isEqualTo(Next.STOP);
    }

    @Test
    void aHaltIsFollowedBySessionFromTheDatabasesTruthUnlessAStopWasAskedFor() {
        assertThat(SessionRules.next(EndReason.halt("degraded_episode_cap"), true, false, false, false)).isEqualTo(Next.AFTER_HALT);
        assertThat(SessionRules.next(EndReason.halt("degraded_episode_cap"), true, false, true, false)).isEqualTo(Next.STOP);
        assertThat(SessionRules.next(EndReason.DURATION_ELAPSED, false, true, true, false)).as("a stop beats a rollover").isEqualTo(Next.STOP);
    }

    @Test
    void aLostLockEndsTheProcessWhateverTheSessionEndedFor() {
        assertThat(SessionRules.next(EndReason.LOCK_LOST, true, true, false, false)).isEqualTo(Next.LOCK_LOST);
        assertThat(SessionRules.next(EndReason.SIGNAL_TERM, true, true, true, true)).as("the lock watch asked for the stop").isEqualTo(Next.LOCK_LOST);
        assertThat(SessionRules.next(EndReason.FAILED, false, false, false, false)).isEqualTo(Next.STOP);
    }

    @Test
    void onlyAPlainReplayRolloverLeavesItsEndToTheNextCheckpoint() {
        assertThat(SessionRules.endWithNextCheckpoint(EndReason.DURATION_ELAPSED, false, false, true)).isTrue();
        assertThat(SessionRules.endWithNextCheckpoint(EndReason.DURATION_ELAPSED, true, false, true)).as("live").isFalse();
        assertThat(SessionRules.endWithNextCheckpoint(EndReason.DURATION_ELAPSED, false, true, true)).as("a stop").isFalse();
        assertThat(SessionRules.endWithNextCheckpoint(EndReason.DURATION_ELAPSED, false, false, false)).as("ledger cannot").isFalse();
        assertThat(SessionRules.endWithNextCheckpoint(EndReason.halt("max_drawdown"), false, false, true)).isFalse();
        assertThat(SessionRules.endWithNextCheckpoint(EndReason.REPLAY_EXHAUSTED, false, false, true)).isFalse();
    }

    @Test
    void aBacktestResetsOnlyTheRunnersOwnTrips() {
        assertThat(SessionRules.backtestMayReset("runner")).isTrue();
        assertThat(SessionRules.backtestMayReset("risk_manager")).isTrue();
        assertThat(SessionRules.backtestMayReset("monitor")).isFalse();
        assertThat(SessionRules.backtestMayReset("alice")).as("a person").isFalse();
        assertThat(SessionRules.backtestMayReset(null)).isFalse();
    }

    @Test
    void liveEveryCycleWritesAHeartbeatAReplayOncePerItsInterval() {
        Duration second = Duration.ofSeconds(1);
        assertThat(SessionRules.heartbeatDue(true, T, T, second)).isTrue();
        assertThat(SessionRules.heartbeatDue(false, T.plusMillis(999), T, second)).isFalse();
        assertThat(SessionRules.heartbeatDue(false, T.plusSeconds(1), T, second)).isTrue();
        assertThat(SessionRules.heartbeatDue(false, T, Instant.EPOCH, second)).as("the first tick").isTrue();
    }

    @Test
    void aReplaySessionLastsItsDurationOnTheCandlesClock() {
        Duration twoHours = Duration.ofHours(2);
        assertThat(SessionRules.replaySessionOver(null, T, twoHours)).as("no candle yet").isFalse();
        assertThat(SessionRules.replaySessionOver(T, T.plus(twoHours).minusSeconds(60), twoHours)).isFalse();
        assertThat(SessionRules.replaySessionOver(T, T.plus(twoHours), twoHours)).isTrue();
        assertThat(SessionRules.liveSessionOver(T.minusMillis(1), T)).isFalse();
        assertThat(SessionRules.liveSessionOver(T, T)).isTrue();
    }

    @Test
    void liveCyclesKeepTheirCadenceAndSkipWhatAnOverrunMissed() {
        Duration minute = Duration.ofMinutes(1);
        assertThat(SessionRules.nextCycleStart(T, minute, T.plusSeconds(2))).isEqualTo(T.plus(minute));
        assertThat(SessionRules.nextCycleStart(T, minute, T.plusSeconds(150))).as("two cycles missed").isEqualTo(T.plusSeconds(180));
        assertThat(SessionRules.nextCycleStart(T, minute, T.plus(minute))).as("exactly on the next start: the one after").isEqualTo(T.plusSeconds(120));
    }
}
