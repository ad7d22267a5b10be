package dev.sigil.fleet.io.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
