package dev.sigil.fleet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.TestConfigs;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.session.OverlayAcceptance.Keep;
import dev.sigil.fleet.core.session.OverlayAcceptance.Same;
import dev.sigil.fleet.core.session.OverlayAcceptance.Take;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayAcceptanceTest {

    private static final String RESTART = "systemctl restart sigil-runner@baseline";
    private final EffectiveConfig running = TestConfigs.effective("exit.hard_stop_multiplier", 1.5);

    @Test
    void aChangedExitIsTakenWithWhatChanged() {
        EffectiveConfig next = TestConfigs.effective("exit.hard_stop_multiplier", 2.5);

        OverlayAcceptance.Decision decision = OverlayAcceptance.decide(running, "a", next, "b", null, RESTART);

        assertThat(decision).isInstanceOf(Take.class);
        assertThat(((Take) decision).next()).isSameAs(next);
        assertThat(((Take) decision).changes()).containsOnlyKeys("exit.hard_stop_multiplier");
    }

    @Test
    void anInvalidOverlayKeepsTheRunningConfigAndSaysWhyOnOneLine() {
        OverlayAcceptance.Decision decision = OverlayAcceptance.decide(running, "a", null, null,
                "grid-overlays/baseline.yaml:\n  exit.hard_stop_multiplier = 9 (allowed 0.5..5)", RESTART);

        assertThat(decision).isEqualTo(new Keep("overlay invalid: grid-overlays/baseline.yaml: exit.hard_stop_multiplier = 9 (allowed 0.5..5)", true));
    }

    @Test
    void aChangedUniverseWaitsForARestartNamingTheKeysAndHowToRestart() {
        EffectiveConfig next = TestConfigs.effective("exit.hard_stop_multiplier", 1.5, "market.symbols", List.of("BTCUSDT"));

        OverlayAcceptance.Decision decision = OverlayAcceptance.decide(running, "a", next, "b", null, RESTART);

        assertThat(decision).isInstanceOf(Keep.class);
        assertThat(((Keep) decision).invalid()).isFalse();
        assertThat(((Keep) decision).problem()).contains("[market.symbols]").contains(RESTART);
    }

    @Test
    void theSameFingerprintIsNoChange() {
        EffectiveConfig same = TestConfigs.effective("exit.hard_stop_multiplier", 1.5);

        assertThat(OverlayAcceptance.decide(running, "a", same, "a", null, RESTART)).isEqualTo(new Same());
    }
}
