package dev.sigil.fleet.core.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Five trades and a three-day curve, every figure worked out by hand in the comments. */
class VariantMetricsTest {

    private static final Instant D1 = Instant.parse("2025-02-01T00:00:00Z");

    private static Instant at(int hours) {
        return D1.plusSeconds(3600L * hours);
    }

    private static ClosedTrade trade(String symbol, int entry, int exit, String reason, double pnl, double risk) {
        return new ClosedTrade(symbol, at(entry), at(exit), reason, pnl, risk, 3.0);
    }

    private static final List<ClosedTrade> TRADES = List.of(
            trade("BTCUSDT", 0, 2, "atr_trail", 10, 5),      // +2 R
            trade("ETHUSDT", 1, 3, "hard_stop", -5, 5),      // −1 R
            trade("SOLUSDT", 5, 6, "hard_stop", -4, 4),      // −1 R
            trade("BTCUSDT", 7, 8, "time_exit", -1, 2),      // −0.5 R
            trade("ETHUSDT", 9, 10, "atr_trail", 6, 3));     // +2 R

    private static final List<EquityPoint> CURVE = List.of(new EquityPoint(at(0), 1000), new EquityPoint(at(2), 1010),
            new EquityPoint(at(3), 1005), new EquityPoint(at(6), 1001), new EquityPoint(at(8), 1000), new EquityPoint(at(10), 1006),
            new EquityPoint(at(24), 1010), new EquityPoint(at(48), 1000));

    @Test
    void tradeFiguresByHand() {
        VariantMetrics metrics = VariantMetrics.of(TRADES, CURVE);

        assertThat(metrics.trades()).isEqualTo(5);
        assertThat(metrics.exitReasons()).containsEntry("atr_trail", 2).containsEntry("hard_stop", 2).containsEntry("time_exit", 1);
        assertThat(metrics.winRate()).isEqualTo(0.4);
        assertThat(metrics.averageWin()).isEqualTo(8);                                    // (10 + 6) / 2
        assertThat(metrics.averageLoss()).isCloseTo(-10.0 / 3, within(1e-12));            // (−5 − 4 − 1) / 3
        assertThat(metrics.winLossRatio()).isCloseTo(2.4, within(1e-12));
        assertThat(metrics.averageHardStopLoss()).isEqualTo(-4.5);                        // the design's diagnosis:
        assertThat(metrics.averageTrailWin()).isEqualTo(8);                               //   hard stops against trail wins
        assertThat(metrics.expectancyUsd()).isCloseTo(1.2, within(1e-12));               // 6 / 5
        assertThat(metrics.expectancyR()).isCloseTo(0.3, within(1e-12));                 // (2 − 1 − 1 − 0.5 + 2) / 5
        assertThat(metrics.profitFactor()).isCloseTo(1.6, within(1e-12));                // 16 / 10
        double sdR = Math.sqrt((1.7 * 1.7 * 2 + 1.3 * 1.3 * 2 + 0.8 * 0.8) / 4);
        assertThat(metrics.sqn()).isCloseTo(Math.sqrt(5) * 0.3 / sdR, within(1e-12));    // ≈ 0.43
        assertThat(metrics.longestLosingStreak()).isEqualTo(3);
        assertThat(metrics.realizedPnl()).isCloseTo(6, within(1e-12));
    }

    @Test
    void curveFiguresByHand() {
        VariantMetrics metrics = VariantMetrics.of(TRADES, CURVE);

        assertThat(metrics.maxDrawdownUsd()).isEqualTo(10);                               // 1010 at 02:00 → 1000 at 08:00 (the later 10 ties)
        assertThat(metrics.maxDrawdownPct()).isCloseTo(10.0 / 1010 * 100, within(1e-12));
        assertThat(metrics.drawdownPeak()).isEqualTo(at(2));
        assertThat(metrics.drawdownTrough()).isEqualTo(at(8));
        double up = 1010.0 / 1006 - 1;                                                    // day 2 against day 1's last equity
        double down = 1000.0 / 1010 - 1;                                                  // day 3 against day 2's
        double mean = (up + down) / 2;
        double sd = Math.abs(up - down) / Math.sqrt(2);
        assertThat(metrics.sharpe()).isCloseTo(mean / sd * Math.sqrt(365), within(1e-9));
        assertThat(metrics.sortino()).isCloseTo(mean / Math.abs(down) * Math.sqrt(365), within(1e-9));
        assertThat(metrics.timeInMarket()).as("00–03, 05–06, 07–08, 09–10: 6 of 48 hours").isCloseTo(6.0 / 48, within(1e-12));
    }

    @Test
    void noTradesGiveZerosAndNotANumberWhereADivisionHasNothingToDivide() {
        VariantMetrics none = VariantMetrics.of(List.of(), List.of());
        assertThat(none.trades()).isZero();
        assertThat(none.expectancyUsd()).isZero();
        assertThat(none.profitFactor()).isNaN();
        assertThat(none.sqn()).isNaN();
        assertThat(none.sharpe()).isNaN();
        assertThat(none.maxDrawdownUsd()).isZero();
    }
}
