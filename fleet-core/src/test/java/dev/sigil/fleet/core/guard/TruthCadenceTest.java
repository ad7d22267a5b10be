package dev.sigil.fleet.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruthCadenceTest {

    @Test
    void liveTheTruthIsReadEveryTick() {
        TruthCadence cadence = new TruthCadence();
        Instant now = Instant.parse("2025-01-01T10:00:00Z");

        assertThat(List.of(cadence.due(true, now), cadence.due(true, now), cadence.due(true, now.plusSeconds(60)))).containsOnly(true);
    }

    @Test
    void inReplayItIsReadAtTheFirstTickAndTheFirstTickOfEachUtcDayOfTheTickClock() {
        TruthCadence cadence = new TruthCadence();
        List<String> read = new ArrayList<>();
        Instant start = Instant.parse("2025-01-01T22:58:00Z");
        for (int minute = 0; minute < 60 * 26; minute++) {
            Instant at = start.plusSeconds(60L * minute);
            if (cadence.due(false, at)) {
                read.add(at.toString());
            }
        }

        assertThat(read).containsExactly("2025-01-01T22:58:00Z", "2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z");
    }
}
