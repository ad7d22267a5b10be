package dev.sigil.fleet.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    private static LiveSession session(long id, long pid, String config, int startHour, int endHour, String endReason) {
        return new LiveSession(id, T0.plus(Duration.ofHours(startHour)), T0.plus(Duration.ofHours(endHour)), endReason, config, "host", pid,
                T0.plus(Duration.ofHours(startHour)), T0.plus(Duration.ofHours(endHour)));
    }

    @Test
    void sessionsOfOneProcessWithOneConfigAreOneReplayAndNoBoundary() {
        ReplayPlan plan = ReplayPlan.of(List.of(session(1, 7, "a", 0, 2, "duration_elapsed"), session(2, 7, "a", 2, 4, "signal_term")));
        assertThat(plan.segments()).singleElement().satisfies(segment -> {
            assertThat(segment.sessionIds()).containsExactly(1L, 2L);
            assertThat(segment.start()).isEqualTo(T0);
            assertThat(segment.end()).isEqualTo(T0.plus(Duration.ofHours(4)));
            assertThat(segment.warmUpFrom()).isEqualTo(T0);
        });
        assertThat(plan.boundaries()).isEmpty();
    }

    @Test
    void aConfigChangeInOneProcessStartsASegmentThatWarmsUpFromTheProcessStart() {
        ReplayPlan plan = ReplayPlan.of(List.of(session(1, 7, "a", 0, 2, "duration_elapsed"), session(2, 7, "b", 2, 4, "signal_term")));
        assertThat(plan.segments()).extracting(ReplayPlan.Segment::configSessionId).containsExactly(1L, 2L);
        assertThat(plan.segments().get(1).warmUpFrom()).isEqualTo(T0);
        assertThat(plan.segments().get(1).start()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(plan.boundaries()).singleElement().extracting(Boundary::kind).isEqualTo(Boundary.Kind.CONFIG_CHANGE);
    }

    @Test
    void anotherProcessIsARestartWithItsOwnWarmUpAndSessionsWithoutCandlesAreLeftOut() {
        LiveSession empty = new LiveSession(2, T0, T0, "signal_term", "a", "host", 8L, null, null);
        ReplayPlan plan = ReplayPlan.of(List.of(session(1, 7, "a", 0, 2, "aborted"), empty, session(3, 9, "a", 3, 5, "signal_term")));
        assertThat(plan.segments()).hasSize(2);
        assertThat(plan.segments().get(1).warmUpFrom()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(plan.boundaries()).singleElement().satisfies(boundary -> {
            assertThat(boundary.kind()).isEqualTo(Boundary.Kind.RESTART);
            assertThat(boundary.detail()).isEqualTo("session 3 started by another process after session 1 ended aborted");
        });
    }
}
