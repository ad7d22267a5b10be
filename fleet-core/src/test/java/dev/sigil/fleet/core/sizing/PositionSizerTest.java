package dev.sigil.fleet.core.sizing;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sigil.fleet.core.config.SigilConfig;
import org.junit.jupiter.api.Test;

class PositionSizerTest {

    private static PositionSizer sizer(SigilConfig config) {
        return new PositionSizer(config.sizing(), config.paper());
    }

    @Test
    void constantDollarRiskSetsQuantityFromTheStopDistance() {
        PositionSizer sizer = sizer(config("sizing.risk_per_trade_usd", 5.0, "sizing.max_position_usd", 500.0));
        // risk 5 / (4 % × 50) = 2.5 units, notional 125: a stop hit loses 5 dollars
        PositionSizer.Sizing sizing = sizer.size(50, 0.04, 1000, 1000);
        assertThat(sizing.accepted()).isTrue();
        assertThat(sizing.qty()).isCloseTo(2.5, within(1e-12));
        assertThat(sizing.notional()).isCloseTo(125, within(1e-9));
        assertThat(sizing.qty() * 50 * 0.04).isCloseTo(5, within(1e-9));
    }

    @Test
    void notionalIsCappedAtMaxPosition() {
        PositionSizer sizer = sizer(config()); // risk 5, cap 50
        PositionSizer.Sizing sizing = sizer.size(20, 0.03, 1000, 1000);
        assertThat(sizing.notional()).isEqualTo(50);
        assertThat(sizing.qty()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void zeroRiskFallsBackToPositionPercentOfEquity() {
        PositionSizer sizer = sizer(config("sizing.risk_per_trade_usd", 0, "sizing.position_pct", 10.0, "sizing.max_position_usd", 1000.0));
        assertThat(sizer.size(10, 0.03, 800, 800).notional()).isCloseTo(80, within(1e-9));
        PositionSizer capped = sizer(config("sizing.risk_per_trade_usd", 0, "sizing.position_pct", 10.0));
        assertThat(capped.size(10, 0.03, 800, 800).notional()).isEqualTo(50);
    }

    @Test
    void belowTheExchangeMinimumNotionalIsRejected() {
        PositionSizer sizer = sizer(config("sizing.risk_per_trade_usd", 0.1, "paper.min_notional_usd", 5.0));
        // 0.1 / 6 % = 1.67 dollars < 5
        assertThat(sizer.size(10, 0.06, 1000, 1000).rejectReason()).isEqualTo(PositionSizer.BELOW_MIN_NOTIONAL);
    }

    @Test
    void entryTheFreeCashCannotPayIsRejected() {
        PositionSizer sizer = sizer(config());
        assertThat(sizer.size(10, 0.03, 1000, 50.0).rejectReason()).isEqualTo(PositionSizer.INSUFFICIENT_BALANCE);
        assertThat(sizer.size(10, 0.03, 1000, 50.06).accepted()).isTrue();
    }
}
