package dev.sigil.fleet.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BreakerTripTest {

    @Test
    void aRiskLimitIsTrippedByTheRiskManagerEvenThoughItAlsoHaltsTheSession() {
        assertThat(BreakerTrip.after("max_daily_loss", "max_daily_loss", "lost 26.10 USD"))
                .isEqualTo(new BreakerTrip("max_daily_loss", BreakerActor.RISK_MANAGER, "lost 26.10 USD"));
    }

    @Test
    void aGuardHaltIsTrippedByTheRunner() {
        assertThat(BreakerTrip.after("degraded_episode_cap", null, "directional_drift episodes=4"))
                .isEqualTo(new BreakerTrip("degraded_episode_cap", BreakerActor.RUNNER, "directional_drift episodes=4"));
    }

    @Test
    void aQuietTickTripsNothing() {
        assertThat(BreakerTrip.after(null, null, null)).isNull();
    }
}
