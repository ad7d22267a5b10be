package dev.sigil.fleet.core.exit;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sigil.fleet.core.config.ExitSettings;
import org.junit.jupiter.api.Test;

class HardStopTest {

    private final ExitSettings defaults = config().exit(); // floor 3 %, multiplier 1.5, cap 6 %

    @Test
    void stopIsMultiplierTimesAtrWhenBetweenFloorAndCap() {
        // 1.5 × 2.8 / 100 = 4.2 %
        assertThat(HardStop.stopPct(defaults, 2.8, 100)).isCloseTo(0.042, within(1e-12));
        assertThat(HardStop.stopPrice(100, 0.042)).isCloseTo(95.8, within(1e-9));
    }

    @Test
    void hardStopUsesFloorWhenAtrIsTiny() {
        assertThat(HardStop.stopPct(defaults, 0.5, 100)).isEqualTo(0.03);
    }

    @Test
    void hardStopIsCappedWhenAtrIsHuge() {
        // the meme coin: ATR 4 % of price → 1.5 × 4 % = 6 %, and a 5 % ATR would be 7.5 %, capped at 6 %
        assertThat(HardStop.stopPct(defaults, 5, 100)).isEqualTo(0.06);
    }

    @Test
    void multiplierZeroMeansFloorOnly() {
        ExitSettings floorOnly = config("exit.hard_stop_multiplier", 0).exit();
        assertThat(HardStop.stopPct(floorOnly, 50, 100)).isEqualTo(0.03);
    }

    @Test
    void theAbGridWidensTheStopOnlyWhereAtrSitsBetweenFloorAndCap() {
        ExitSettings wide = config("exit.hard_stop_multiplier", 2.5).exit();
        assertThat(HardStop.stopPct(defaults, 2, 100)).isCloseTo(0.03, within(1e-12));
        assertThat(HardStop.stopPct(wide, 2, 100)).isCloseTo(0.05, within(1e-12));
        assertThat(HardStop.stopPct(wide, 3, 100)).isEqualTo(0.06);
    }
}
