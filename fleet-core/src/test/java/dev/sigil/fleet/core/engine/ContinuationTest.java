package dev.sigil.fleet.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContinuationTest {

    private static final Instant SPAN = Instant.parse("2024-03-01T02:00:00Z");

    private static Map<String, String> checkpointOf(long session) {
        return new HashMap<>(Continuation.keys(session, SPAN, SPAN.plusSeconds(60), 57));
    }

    @Test
    void aSessionThatTheStartClosedAsAbortedGoesOnFromItsCheckpoint() {
        assertThat(Continuation.of(Set.of(12L), checkpointOf(12))).contains(new Continuation(12, SPAN, 57));
    }

    @Test
    void aCleanStopOrACheckpointOfAnotherSessionStartsAFreshOne() {
        assertThat(Continuation.of(Set.of(), checkpointOf(12))).as("the last session ended cleanly: nothing was aborted").isEmpty();
        assertThat(Continuation.of(Set.of(13L), checkpointOf(12))).as("the checkpoint is an older session's").isEmpty();
        assertThat(Continuation.of(Set.of(12L), Map.of())).as("a checkpoint from before the session keys").isEmpty();
        Map<String, String> noSpan = checkpointOf(12);
        noSpan.put("session.span_start", "");
        assertThat(Continuation.of(Set.of(12L), noSpan)).as("no tick of it was durable").isEmpty();
    }
}
