package dev.sigil.fleet.core.shadow;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.config.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowExitsTest {

    @Test
    void gridShadowsEveryOtherHardStopMultiplierOfTheOverlaysOnceAndNotTheRunnersOwn() {
        List<ShadowExit> shadows = ShadowExits.resolve(config("exit.hard_stop_multiplier", 1.5, "research.shadow_exits", List.of("grid")),
                List.of(1.5, 2.5, 2.5, 2.0));

        assertThat(shadows).extracting(ShadowExit::label).containsExactly("hard_stop_multiplier=2", "hard_stop_multiplier=2.5");
        assertThat(shadows.get(1).exit().hardStopMultiplier()).isEqualTo(2.5);
        assertThat(shadows.get(1).exit().trailAtrMultiplier()).as("the rest is the runner's own exit section").isEqualTo(2.0);
    }

    @Test
    void explicitItemsChangeSeveralExitKeysAndRepeatsAreDropped() {
        List<ShadowExit> shadows = ShadowExits.resolve(config("research.shadow_exits",
                List.of("hard_stop_multiplier=2.5,trail_atr_multiplier=3", "grid", "hard_stop_multiplier=1.5")), List.of(2.5));

        assertThat(shadows).extracting(ShadowExit::label).containsExactly("hard_stop_multiplier=2.5,trail_atr_multiplier=3", "hard_stop_multiplier=2.5");
        assertThat(shadows.getFirst().exit().trailAtrMultiplier()).isEqualTo(3.0);
    }

    @Test
    void aBadItemIsRefusedWithTheKeyAndTheAllowedRange() {
        assertThatThrownBy(() -> config("research.shadow_exits", List.of("hard_stop_multiplier=25")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("research.shadow_exits = 'hard_stop_multiplier=25'")
                .hasMessageContaining("exit.hard_stop_multiplier = 25 is out of range (allowed: a number from 0 to 20)");
        assertThatThrownBy(() -> config("research.shadow_exits", List.of("atr_interval=4")))
                .hasMessageContaining("cannot change exit.atr_interval");
        assertThatThrownBy(() -> config("research.shadow_exits", List.of("stop_multiplier=2")))
                .hasMessageContaining("exit.stop_multiplier is not an exit key (known: exit.hard_stop_floor_pct");
        assertThatThrownBy(() -> config("research.shadow_exits", List.of("hard_stop_floor_pct=7")))
                .hasMessageContaining("must not exceed exit.hard_stop_cap_pct");
        assertThatThrownBy(() -> config("research.shadow_exits", List.of("2.5")))
                .hasMessageContaining("does not match");
    }
}
