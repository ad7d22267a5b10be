package dev.sigil.fleet.config.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OverlayEditorTest {

    private static final String OVERLAY = """
            # aggressive — the wide-stop arm
            exit:
              hard_stop_multiplier: 2.5   # the A/B key
            sizing:
              risk_per_trade_usd: 10.0

            entry:
              max_open_positions: 8
            """;

    @Test
    void existingKeyIsReplacedInPlaceKeepingItsComment() {
        assertThat(OverlayEditor.set(OVERLAY, "exit", "hard_stop_multiplier", "2.0"))
                .isEqualTo(OVERLAY.replace("hard_stop_multiplier: 2.5   # the A/B key", "hard_stop_multiplier: 2.0   # the A/B key"));
    }

    @Test
    void newKeyGoesAtTheEndOfItsSectionBeforeTheBlankLine() {
        assertThat(OverlayEditor.set(OVERLAY, "sizing", "max_position_usd", "150.0"))
                .contains("sizing:\n  risk_per_trade_usd: 10.0\n  max_position_usd: 150.0\n\nentry:");
    }

    @Test
    void newSectionIsAppendedAndAnEmptyOverlayBecomesAReal() {
        assertThat(OverlayEditor.set(OVERLAY, "guard", "max_exposure_pct", "100")).endsWith("guard:\n  max_exposure_pct: 100\n");
        assertThat(OverlayEditor.set("# baseline = base\n{}\n", "exit", "max_hold_minutes", "240")).isEqualTo("# baseline = base\nexit:\n  max_hold_minutes: 240\n");
    }

    @Test
    void anOverlayInAFormTheEditorCannotFollowIsRefusedNotMangled() {
        assertThatThrownBy(() -> OverlayEditor.set("exit: {hard_stop_multiplier: 2.5}\n", "exit", "hard_stop_multiplier", "2.0"))
                .isInstanceOf(OverlayEditor.CannotEditException.class).hasMessageContaining("edit the file by hand");
    }
}
