package dev.sigil.fleet.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleFromTheFirstAndNeverPassTheLongest() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theServersSecondsAreReadWholeOrFractionalAndAnythingElseIsTheFallback() {
        Duration fallback = Duration.ofSeconds(60);

        assertThat(Backoff.serverSeconds("2", fallback)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.serverSeconds(" 0.35 ", fallback)).isEqualTo(Duration.ofMillis(350));
        assertThat(Backoff.serverSeconds("Wed, 21 Oct 2026 07:28:00 GMT", fallback)).isEqualTo(fallback);
        assertThat(Backoff.serverSeconds("-1", fallback)).isEqualTo(fallback);
        assertThat(Backoff.serverSeconds("NaN", fallback)).isEqualTo(fallback);
    }

    @Test
    void attemptsStopAtTheFirstSuccessAndWaitLongerAfterEachFailure() {
        List<Duration> waits = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        int[] tries = {0};
        boolean done = new Backoff(Duration.ofMillis(500), Duration.ofMillis(1500)).attempts(3, waits::add, () -> {
            if (++tries[0] < 3) {
                throw new IllegalStateException("down");
            }
        }, (attempt, error) -> failed.add(attempt));

        assertThat(done).isTrue();
        assertThat(tries[0]).isEqualTo(3);
        assertThat(failed).containsExactly(1, 2);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void attemptsThatAllFailSayNoAfterWaitingAfterEachOne() {
        List<Duration> waits = new ArrayList<>();
        boolean done = new Backoff(Duration.ofMillis(500), Duration.ofMillis(1500)).attempts(3, waits::add, () -> {
            throw new IllegalStateException("down");
        }, (attempt, error) -> { });

        assertThat(done).isFalse();
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(1500));
    }
}
