package dev.sigil.fleet.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairedVerdictTest {

    private static final ConfidenceSequence SEQUENCE = new ConfidenceSequence(0.05, 200);

    private static PairedVerdict verdict(int n, double mean, double sd) {
        double half = SEQUENCE.halfWidth(n, sd);
        return PairedVerdict.of("1.5", "2.5", new ConfidenceSequence.Interval(n, mean, sd, mean - half, mean + half), SEQUENCE, 0.05, "R/trade");
    }

    @Test
    void anIntervalAllOnOneSideOfZeroNamesThatArmWithItsAdvantage() {
        PairedVerdict first = verdict(400, 0.13, 0.4);
        PairedVerdict second = verdict(400, -0.13, 0.4);

        assertThat(first.text()).matches("1\\.5 better by 0\\.130 R/trade \\(95 % CI 0\\.0\\d\\d…0\\.1\\d\\d\\)");
        assertThat(second.text()).matches("2\\.5 better by 0\\.130 R/trade \\(95 % CI 0\\.0\\d\\d…0\\.1\\d\\d\\)");
        assertThat(second.decided()).isTrue();
    }

    @Test
    void anIntervalInsideTheMinimumEffectIsNoDifference() {
        PairedVerdict none = verdict(2_000, 0.001, 0.2);

        assertThat(none.kind()).isEqualTo(PairedVerdict.Kind.NO_DIFFERENCE);
        assertThat(none.text()).startsWith("no significant difference (under 0.050 R/trade either way: 95 % CI -0.0");
    }

    @Test
    void untilThenTheEvidenceIsInsufficientWithAboutHowManyMorePairsItTakes() {
        PairedVerdict open = verdict(60, 0.1, 0.5);
        PairedVerdict few = verdict(12, 0.9, 0.3);

        assertThat(open.kind()).isEqualTo(PairedVerdict.Kind.INSUFFICIENT);
        assertThat(open.text()).matches("insufficient evidence \\(about \\d+ more paired entries at the current effect\\)");
        int total = 60 + open.moreNeeded();
        assertThat(SEQUENCE.halfWidth(total, 0.5)).as("that many would decide at this effect").isLessThanOrEqualTo(0.1);
        assertThat(SEQUENCE.halfWidth(total - 1, 0.5)).isGreaterThan(0.1);
        assertThat(few.text()).as("a clear difference, but too few pairs to trust the spread")
                .startsWith("insufficient evidence (12 paired entries, at least 30 needed; about 18 more paired entries at the current effect)");
    }
}
