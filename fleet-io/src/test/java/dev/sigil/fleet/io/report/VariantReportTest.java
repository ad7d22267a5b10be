package dev.sigil.fleet.io.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantReportTest {

    @Test
    void endReasonsAreWrittenInOrderWithRunsOfTheSameReasonCounted() {
        assertThat(VariantReport.runs(List.of("duration_elapsed", "duration_elapsed", "duration_elapsed", "halt:degraded_episode_cap",
                "duration_elapsed", "replay_exhausted")))
                .isEqualTo("duration_elapsed ×3 → halt:degraded_episode_cap → duration_elapsed → replay_exhausted");
        assertThat(VariantReport.runs(List.of("replay_exhausted"))).isEqualTo("replay_exhausted");
        assertThat(VariantReport.runs(List.of())).isEmpty();
    }
}
