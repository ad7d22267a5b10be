package dev.sigil.fleet.core.fill;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PaperFillsTest {

    private final PaperFills fills = new PaperFills(config().paper()); // fee 0.10 %, slippage 0.05 %

    @Test
    void entryPaysSlippageAboveTheClose() {
        assertThat(fills.entryPrice(100)).isCloseTo(100.05, within(1e-9));
    }

    @Test
    void stopFillsAtTheStopLessSlippage() {
        assertThat(fills.stopExitPrice(95, 99)).isCloseTo(95 * 0.9995, within(1e-9));
    }

    @Test
    void gapThroughTheStopFillsAtTheOpen() {
        assertThat(fills.stopExitPrice(95, 90)).isCloseTo(90 * 0.9995, within(1e-9));
    }

    @Test
    void timeExitFillsAtTheCloseLessSlippage() {
        assertThat(fills.closeExitPrice(104)).isCloseTo(103.948, within(1e-9));
    }

    @Test
    void feeIsTakenOnBothSidesAndRealizedPnlNetsThem() {
        double entry = fills.entryPrice(100);          // 100.05
        double qty = 0.5;
        double entryFee = fills.fee(entry * qty);      // 0.050025
        double exit = fills.closeExitPrice(110);       // 109.945
        double exitFee = fills.fee(exit * qty);        // 0.0549725
        assertThat(entryFee).isCloseTo(0.050025, within(1e-12));
        assertThat(exitFee).isCloseTo(0.0549725, within(1e-12));
        assertThat(PaperFills.realizedPnl(entry, exit, qty, entryFee, exitFee))
                .isCloseTo((109.945 - 100.05) * 0.5 - 0.050025 - 0.0549725, within(1e-12));
    }
}
