package dev.sigil.fleet.core.candle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CandleGateTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final CandleGate gate = new CandleGate(Duration.ofMinutes(1));

    private static Candle at(int minute, double open, double high, double low, double close) {
        Instant openTime = T0.plusSeconds(60L * minute);
        return new Candle("ETHUSDT", openTime, openTime.plusSeconds(60), open, high, low, close, 5, 500);
    }

    @Test
    void malformedCandlesAreRejectedWithTheirDefect() {
        assertThat(gate.check(at(0, Double.NaN, 2, 1, 1.5)).defect()).isEqualTo(CandleDefect.NOT_A_NUMBER);
        assertThat(gate.check(at(0, 1, 2, 0, 1.5)).defect()).isEqualTo(CandleDefect.NON_POSITIVE);
        assertThat(gate.check(at(0, 1.5, 1, 2, 1.5)).defect()).isEqualTo(CandleDefect.HIGH_BELOW_LOW);
        assertThat(gate.check(at(0, 1.5, 2, 1, 2.5)).defect()).isEqualTo(CandleDefect.CLOSE_OUTSIDE_RANGE);
        assertThat(gate.check(at(0, 0.5, 2, 1, 1.5)).defect()).isEqualTo(CandleDefect.OPEN_OUTSIDE_RANGE);
    }

    @Test
    void duplicateAndOutOfOrderTimesAreRejectedAndDoNotMoveTheClock() {
        assertThat(gate.check(at(5, 1, 2, 1, 1.5)).accepted()).isTrue();
        assertThat(gate.check(at(5, 1, 2, 1, 1.5)).defect()).isEqualTo(CandleDefect.DUPLICATE_TIME);
        assertThat(gate.check(at(3, 1, 2, 1, 1.5)).defect()).isEqualTo(CandleDefect.OUT_OF_ORDER);
        assertThat(gate.check(at(6, 1, 2, 1, 1.5))).isEqualTo(new CandleGate.Verdict(true, null, 0));
    }

    @Test
    void candleAfterAGapIsUsedAndTheMissingIntervalsCounted() {
        gate.check(at(0, 1, 2, 1, 1.5));
        assertThat(gate.check(at(4, 1, 2, 1, 1.5))).isEqualTo(new CandleGate.Verdict(true, CandleDefect.GAP, 3));
    }

    @Test
    void rejectedCandleDoesNotPoisonTheSymbol() {
        gate.check(at(0, 1, 2, 1, 1.5));
        gate.check(at(1, 1, 2, 3, 1.5));
        assertThat(gate.check(at(1, 1, 2, 1, 1.5)).accepted()).isTrue();
    }
}
