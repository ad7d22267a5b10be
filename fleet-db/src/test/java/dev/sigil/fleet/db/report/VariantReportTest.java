package dev.sigil.fleet.db.report;

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

    @Test
    void theTradedShareLeavesOutTheTimeTheBreakerWasTrippedAndATripNeverResetLastsToTheEnd() {
        java.time.Instant start = java.time.Instant.parse("2025-01-01T00:00:00Z");
        java.time.Instant end = start.plusSeconds(100 * 3600);
        assertThat(VariantReport.tradedShare(start, end, List.of())).isEqualTo(1.0);
        assertThat(VariantReport.tradedShare(start, end, List.of(java.util.Map.entry("trip", start.plusSeconds(10 * 3600)),
                java.util.Map.entry("reset", start.plusSeconds(30 * 3600)), java.util.Map.entry("trip", start.plusSeconds(80 * 3600)))))
                .as("tripped 20 h, then from 80 h to the end").isEqualTo(0.6);
        assertThat(VariantReport.tradedShare(start, end, List.of(java.util.Map.entry("trip", start.minusSeconds(3600)))))
                .as("tripped before the run: none of it traded").isEqualTo(0.0);
    }
}
