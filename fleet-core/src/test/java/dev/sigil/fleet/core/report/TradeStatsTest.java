package dev.sigil.fleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeStatsTest {

    @Test
    void statsOfAMixedRun() {
        TradeStats stats = TradeStats.of(List.of(
                new TradeStats.Trade("atr_trail", 3.0), new TradeStats.Trade("hard_stop", -1.5),
                new TradeStats.Trade("hard_stop", -1.5), new TradeStats.Trade("atr_trail", 1.0), new TradeStats.Trade("time_exit", 0.0)));

        assertThat(stats.trades()).isEqualTo(5);
        assertThat(stats.exitReasons()).containsExactly(java.util.Map.entry("atr_trail", 2), java.util.Map.entry("hard_stop", 2),
                java.util.Map.entry("time_exit", 1));
        assertThat(stats.wins()).isEqualTo(2);
        assertThat(stats.winRate()).isEqualTo(0.4);
        assertThat(stats.averageWin()).isEqualTo(2.0);
        assertThat(stats.averageLoss()).isEqualTo(-1.0);
        assertThat(stats.winLossRatio()).isEqualTo(2.0);
        assertThat(stats.expectancy()).isCloseTo(0.2, within(1e-12));
        assertThat(stats.realizedPnl()).isCloseTo(1.0, within(1e-12));
        assertThat(stats.share("hard_stop")).isEqualTo(0.4);
    }

    @Test
    void noTradesIsAllZeroesNotNaNExceptTheRatio() {
        TradeStats stats = TradeStats.of(List.of());
        assertThat(stats.winRate()).isZero();
        assertThat(stats.expectancy()).isZero();
        assertThat(stats.winLossRatio()).isNaN();
        assertThat(stats.share("hard_stop")).isZero();
    }
}
