package dev.sigil.fleet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HaltBackoffTest {

    private final HaltBackoff backoff = new HaltBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10));

    @Test
    void theFirstHaltIsFollowedAtOnceAndRepeatsWaitTwiceAsLongUpToTheCap() {
        Duration quick = Duration.ofSeconds(5);
        assertThat(backoff.after(true, quick)).isZero();
        assertThat(backoff.after(true, quick)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(true, quick)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(true, quick)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.after(true, quick)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.after(true, quick)).isEqualTo(Duration.ofSeconds(480));
        assertThat(backoff.after(true, quick)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.after(true, quick)).as("capped").isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.streak()).isEqualTo(8);
    }

    @Test
    void aSessionThatEndsOtherwiseOrRunsLongEnoughEndsTheStreak() {
        backoff.after(true, Duration.ofSeconds(1));
        backoff.after(true, Duration.ofSeconds(1));
        assertThat(backoff.after(false, Duration.ofSeconds(1))).isZero();
        assertThat(backoff.streak()).isZero();
        assertThat(backoff.after(true, Duration.ofSeconds(1))).isZero();
        assertThat(backoff.after(true, Duration.ofMinutes(10))).as("it had run as long as the cap: a new first HALT").isZero();
        assertThat(backoff.streak()).isEqualTo(1);
    }
}
