package dev.sigil.fleet.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndReasonTest {

    @Test
    void everyReasonReadsBackFromItsWord() {
        for (EndReason.Kind kind : EndReason.Kind.values()) {
            EndReason reason = kind == EndReason.Kind.HALT ? EndReason.halt("ledger_truth") : new EndReason(kind, null);
            assertThat(EndReason.parse(reason.token())).isEqualTo(reason);
        }
        assertThat(EndReason.halt("degraded_episode_cap").token()).isEqualTo("halt:degraded_episode_cap");
        assertThat(EndReason.DURATION_ELAPSED.token()).isEqualTo("duration_elapsed");
    }

    @Test
    void onlyAStopTheEndOfTheDataOrOfTheDurationIsClean() {
        assertThat(EndReason.SIGNAL_TERM.clean()).isTrue();
        assertThat(EndReason.REPLAY_EXHAUSTED.clean()).isTrue();
        assertThat(EndReason.DURATION_ELAPSED.clean()).isTrue();
        assertThat(EndReason.halt("max_daily_loss").clean()).isFalse();
        assertThat(EndReason.ABORTED.clean()).isFalse();
        assertThat(EndReason.LOCK_LOST.clean()).isFalse();
        assertThat(EndReason.FAILED.clean()).isFalse();
    }

    @Test
    void anUnknownWordIsRefusedOrNotKnown() {
        assertThatThrownBy(() -> EndReason.parse("sigterm")).hasMessageContaining("'sigterm'");
        assertThat(EndReason.known("sigterm")).isEmpty();
        assertThat(EndReason.known("halt:x")).contains(EndReason.halt("x"));
        assertThatThrownBy(() -> new EndReason(EndReason.Kind.HALT, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
