package dev.sigil.fleet.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyDigestTest {

    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    @Test
    void theDigestIsDueOnceADayFromItsTime() {
        assertThat(DailyDigest.due(EIGHT, LocalDate.parse("2026-11-30"), Instant.parse("2026-12-01T07:59:59Z"))).isEmpty();
        assertThat(DailyDigest.due(EIGHT, LocalDate.parse("2026-11-30"), Instant.parse("2026-12-01T08:00:00Z"))).contains(LocalDate.parse("2026-12-01"));
        assertThat(DailyDigest.due(EIGHT, LocalDate.parse("2026-12-01"), Instant.parse("2026-12-01T20:00:00Z"))).isEmpty();
    }

    @Test
    void aMonitorDownForDaysSendsTodaysDigestOnlyNoBacklog() {
        assertThat(DailyDigest.due(EIGHT, LocalDate.parse("2026-11-20"), Instant.parse("2026-12-01T09:30:00Z"))).contains(LocalDate.parse("2026-12-01"));
        assertThat(DailyDigest.due(EIGHT, null, Instant.parse("2026-12-01T09:30:00Z"))).contains(LocalDate.parse("2026-12-01"));
    }

    @Test
    void eachVariantIsOneLineThenTheVerdicts() {
        DailyDigest.Digest digest = new DailyDigest.Digest(Instant.parse("2026-12-01T08:00:00Z"), List.of(
                new DailyDigest.VariantDay("baseline", null, 3, 1.25, 2 / 3.0, 0.4166, 0.84, "ACTIVE", "closed", "fresh, 12 s ago"),
                new DailyDigest.VariantDay("moderate", null, 0, 0, Double.NaN, Double.NaN, Double.NaN, "DEGRADED", "tripped (max_drawdown)", "stopped"),
                new DailyDigest.VariantDay("unhinged", "Connection refused", 0, 0, 0, 0, 0, null, null, null)),
                List.of("1.5 vs 2.5: insufficient evidence: 3 trades in the smaller arm, at least 30 needed"));

        assertThat(digest.title()).isEqualTo("Sigil fleet digest · 24 h to 2026-12-01 08:00 UTC");
        assertThat(digest.lines()).containsExactly(
                "baseline: 3 trades, P&L +1.25 USD, win 67 %, expectancy +0.42 USD, max drawdown 0.8 % · ACTIVE · breaker closed · heartbeat fresh, 12 s ago",
                "moderate: no trades · DEGRADED · breaker tripped (max_drawdown) · heartbeat stopped",
                "unhinged: database unreachable (Connection refused)",
                "1.5 vs 2.5: insufficient evidence: 3 trades in the smaller arm, at least 30 needed");
    }
}
