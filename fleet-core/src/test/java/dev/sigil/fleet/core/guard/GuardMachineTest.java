package dev.sigil.fleet.core.guard;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.GuardSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guard machine driven tick by tick with synthetic series. Small windows keep every rule visible: anchor window 4
 * ticks, hot above 6 bps on more than 40 % of it, calm when under 30 % of it is above 4 bps, stability 3 ticks,
 * cool-down 5 ticks, at most 3 episodes per source; drift window 2 ticks, stability 2.
 */
class GuardMachineTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final double HOT = 10;
    private static final double CALM = 0;

    /** One-minute ticks: the durations below are these counts of ticks. */
    private static final long TICK = 60;

    private final GuardSettings settings = config("guard.anchor_window_seconds", 4 * 60, "guard.anchor_entry_fraction_pct", 40, "guard.recovery_stability_seconds", 3 * 60,
            "guard.recovery_cooldown_seconds", 5 * 60, "guard.max_degraded_episodes_per_source_per_session", 3,
            "guard.drift_window_seconds", 2 * 60, "guard.recovery_stability_seconds_drift", 2 * 60, "guard.corridor_lookback_seconds", 2 * 60).guard();
    private final GuardMachine machine = new GuardMachine(settings, TICK);
    private final List<String> events = new ArrayList<>();
    private long tick;
    private double price = 100;

    /** One tick: one symbol whose close sits {@code bps} from its VWAP; drift follows {@code price}. */
    private GuardMachine.Outcome tick(double bps) {
        return tick(bps, 0, null);
    }

    private GuardMachine.Outcome tick(double bps, double exposurePct, Double truthDivergence) {
        tick++;
        double vwap = price * (1 + bps / 10_000);
        Map<String, Candle> latest = new HashMap<>();
        latest.put("TSTUSDT", new Candle("TSTUSDT", T0.plusSeconds(60 * tick), T0.plusSeconds(60 * tick + 60), price, price * 1.01,
                price * 0.99, price, 100, 100 * vwap));
        GuardMachine.Outcome outcome = machine.evaluate(tick, new GuardInputs(latest, exposurePct, truthDivergence));
        outcome.events().forEach(event -> events.add(event.toString().replaceAll(" (bias|exposure|divergence|median_return)=\\S+( (hot|outside_for)=\\S+)?", "")));
        return outcome;
    }

    private void ticks(double bps, int count) {
        for (int i = 0; i < count; i++) {
            tick(bps);
        }
    }

    @Test
    void firstEpisodeRecoversAfterStableTicksAndTheReFireStartsTheCooldown() {
        tick(HOT);            // t1 window [H] 100 % hot → degraded
        ticks(CALM, 5);       // t2-t3 H still 50 %/33 % of the window > 30 %; t4 25 %: stable 1; t5 2; t6 3 → recovered
        tick(HOT);            // t7 window restarted at t6: [C, H] 50 % hot → re-fire with cool-down until t12

        assertThat(events).containsExactly(
                "t1 anchor_saturation degraded episode=1",
                "t1 mode ACTIVE->DEGRADED",
                "t6 anchor_saturation recovered",
                "t6 mode DEGRADED->ACTIVE",
                "t7 anchor_saturation degraded episode=2 cooldown_until=12",
                "t7 mode ACTIVE->DEGRADED");
        assertThat(machine.state(GuardSource.ANCHOR_SATURATION)).isEqualTo(SourceState.RECOVERY_COOLDOWN);
        assertThat(machine.counters()).containsEntry(EngineStateKeys.recoveryCooldownUntilTick(GuardSource.ANCHOR_SATURATION), "12")
                .containsEntry("guard.anchor_saturation.state", "recovery_cooldown_active");
    }

    @Test
    void duringTheCooldownRecoveryIsSuppressedHostileTicksDoNotExtendItAndItIsReEvaluatedAfter() {
        tick(HOT);
        ticks(CALM, 5);
        tick(HOT);            // t7: cool-down until t12
        ticks(CALM, 2);       // t8 [C,H,C] 33 %; t9 [C,H,C,C] 25 % → calm, but suppressed
        tick(HOT);            // t10 hostile: the timer stays at 12
        tick(HOT);            // t11 hostile
        events.clear();
        ticks(CALM, 5);       // t12 cool-down ended; window [H,H,C] ... calm from t14 ([H,C,C,C] 25 %): t14 1, t15 2, t16 3 → recovered

        assertThat(events).containsExactly(
                "t12 anchor_saturation recovery_cooldown_ended",
                "t16 anchor_saturation recovered",
                "t16 mode DEGRADED->ACTIVE");
        assertThat(machine.mode()).isEqualTo(Mode.ACTIVE);
        assertThat(machine.recoveryCooldownUntilTick(GuardSource.ANCHOR_SATURATION)).isEqualTo(12);
    }

    @Test
    void suppressionIsLoggedOnceAndTheModeStaysDegradedThroughTheCooldown() {
        tick(HOT);
        ticks(CALM, 5);
        tick(HOT);
        events.clear();
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            modes.add(tick(CALM).mode());   // t8-t11
        }

        assertThat(events).containsExactly("t9 anchor_saturation recovery_suppressed_by_cooldown until=12");
        assertThat(modes).containsOnly(Mode.DEGRADED);
    }

    @Test
    void oneViolatingTickResetsStability() {
        tick(HOT);             // t1 degraded
        ticks(CALM, 3);        // t2, t3 not calm yet; t4 [H,C,C,C] 25 % → stable 1
        tick(5);               // t5 [C,C,C,5]: 25 % above 4 bps → still calm: stable 2
        tick(HOT);             // t6 [C,C,5,H]: 50 % above 4 bps → violation, stable back to 0
        events.clear();
        ticks(CALM, 4);        // t7 [C,5,H,C] 50 %; t8 [5,H,C,C] 50 %; t9 [H,C,C,C] 25 % → 1; t10 → 2
        tick(CALM);            // t11 → 3: recovered

        assertThat(events).containsExactly("t11 anchor_saturation recovered", "t11 mode DEGRADED->ACTIVE");
    }

    @Test
    void recoveryIsEvaluatedBeforeEntrySoARecoveryAndAnImmediateReTriggerOnOneTickAreBothSeen() {
        tick(HOT);             // t1 degraded
        ticks(CALM, 4);        // stable 1 at t4, 2 at t5
        events.clear();
        GuardMachine.Outcome outcome = tick(HOT + 5);   // t6: [C,C,C,HH] 25 % → stable 3 → recovered; restarted [HH] 100 % → re-fired

        assertThat(events).containsExactly(
                "t6 anchor_saturation recovered",
                "t6 anchor_saturation degraded episode=2 cooldown_until=11");
        assertThat(outcome.mode()).as("still DEGRADED after both: no entry this tick").isEqualTo(Mode.DEGRADED);
        assertThat(machine.counters()).containsEntry(EngineStateKeys.DEGRADED_RECOVERY_COUNT, "1")
                .containsEntry(EngineStateKeys.DEGRADED_ENTRY_COUNT, "2");
    }

    /** Hot ticks until the anchor source is degraded (in cool-down or not); returns the ticks it took. */
    private int untilAnchorDegraded() {
        int ticks = 0;
        while (!machine.state(GuardSource.ANCHOR_SATURATION).degraded() && machine.mode() != Mode.HALT) {
            tick(HOT);
            assertThat(++ticks).isLessThan(20);
        }
        return ticks;
    }

    private void untilAnchorRecovered() {
        int ticks = 0;
        while (machine.state(GuardSource.ANCHOR_SATURATION).degraded()) {
            tick(CALM);
            assertThat(++ticks).isLessThan(50);
        }
    }

    @Test
    void fourthEpisodeOfOneSourceHaltsWhileAnotherSourcesEpisodesAreUnaffected() {
        for (int episode = 1; episode <= 3; episode++) {
            untilAnchorDegraded();
            untilAnchorRecovered();
        }
        price = 97;                               // directional drift: −3 % over its 2-tick window
        tick(CALM);
        tick(CALM);
        assertThat(machine.state(GuardSource.DIRECTIONAL_DRIFT)).isEqualTo(SourceState.DEGRADED);
        assertThat(machine.mode()).isEqualTo(Mode.DEGRADED);
        events.clear();

        untilAnchorDegraded();

        assertThat(machine.episodes(GuardSource.ANCHOR_SATURATION)).isEqualTo(4);
        assertThat(machine.mode()).isEqualTo(Mode.HALT);
        assertThat(events).contains("t" + tick + " halt degraded_episode_cap anchor_saturation episodes=4", "t" + tick + " mode DEGRADED->HALT");
        assertThat(machine.episodes(GuardSource.DIRECTIONAL_DRIFT)).as("the other source's count is its own").isEqualTo(1);
        assertThat(machine.counters()).containsEntry(EngineStateKeys.MODE, "HALT").containsEntry(EngineStateKeys.HALT_REASON, "degraded_episode_cap")
                .containsEntry(EngineStateKeys.DEGRADED_GUARD_ENTRY_COUNT, "5");
        assertThat(machine.evaluate(tick + 1, new GuardInputs(Map.of(), 0, null)).mode()).as("HALT is final").isEqualTo(Mode.HALT);
    }

    @Test
    void threeEpisodesOfEachSourceAreAllowed() {
        for (int episode = 1; episode <= 3; episode++) {
            untilAnchorDegraded();
            untilAnchorRecovered();
        }
        assertThat(machine.mode()).isEqualTo(Mode.ACTIVE);
        assertThat(machine.episodes(GuardSource.ANCHOR_SATURATION)).isEqualTo(3);
    }

    @Test
    void sourcesAreIndependentOneSourcesCooldownDoesNotHoldBackAnothersRecovery() {
        tick(HOT);
        ticks(CALM, 5);
        tick(HOT);                    // t7 anchor in cool-down until t12
        price = 96;                   // drift −4 % over 2 ticks from t8
        tick(CALM);                   // t8
        tick(CALM);                   // t9 drift degraded (first episode: no cool-down)
        price = 96;
        events.clear();
        tick(CALM);                   // t10 return 0 % > −1 % → stable 1
        tick(CALM);                   // t11 stable 2 → drift recovered while anchor is still cooling down

        assertThat(events).containsExactly("t11 directional_drift recovered");
        assertThat(machine.state(GuardSource.DIRECTIONAL_DRIFT)).isEqualTo(SourceState.NORMAL);
        assertThat(machine.state(GuardSource.ANCHOR_SATURATION)).isEqualTo(SourceState.RECOVERY_COOLDOWN);
        assertThat(machine.mode()).isEqualTo(Mode.DEGRADED);
    }

    @Test
    void walletTruthEpisodesAreExcludedFromTheCapAndItHaltsOnItsOwnThreshold() {
        for (int episode = 0; episode < 5; episode++) {
            tick(CALM, 0, 0.50);                  // divergence above the 0.01 tolerance: degraded
            tick(CALM, 0, 0.0);
            for (int i = 0; i < 6; i++) {
                tick(CALM, 0, 0.0);               // recovered on the first agreeing check, every time: no cool-down
            }
        }
        assertThat(machine.episodes(GuardSource.WALLET_TRUTH)).isEqualTo(5);
        assertThat(machine.mode()).isEqualTo(Mode.ACTIVE);
        assertThat(machine.counters()).containsEntry(EngineStateKeys.DEGRADED_ENTRY_COUNT, "5")
                .containsEntry(EngineStateKeys.DEGRADED_GUARD_ENTRY_COUNT, "0")
                .containsEntry(EngineStateKeys.DEGRADED_RECOVERY_COUNT, "0");

        GuardMachine.Outcome outcome = tick(CALM, 0, 1.50);
        assertThat(outcome.haltReason()).isEqualTo(GuardMachine.INVENTORY_TRUTH_HALT);
    }

    @Test
    void inventoryCorridorNeedsTheLookbackOutsideToEnterAndUnderItsExitLevelToRecover() {
        tick(CALM, 75, null);                     // outside (> 60 %) once
        tick(CALM, 45, null);                     // back inside: the run restarts
        tick(CALM, 75, null);
        tick(CALM, 75, null);                     // second tick outside in a row → degraded
        tick(CALM, 55, null);
        tick(CALM, 55, null);                     // under the 60 % entry level, not under the 50 % exit level: still degraded
        tick(CALM, 45, null);
        tick(CALM, 45, null);                     // under 50 % twice → recovered

        assertThat(events).containsExactly("t4 inventory_corridor degraded episode=1", "t4 mode ACTIVE->DEGRADED",
                "t8 inventory_corridor recovered", "t8 mode DEGRADED->ACTIVE");
    }

    @Test
    void aNewSessionResetsTheCountersAndStatesButTheWindowsRememberTheMarket() {
        tick(HOT);
        ticks(CALM, 5);
        tick(HOT);            // t7 re-fire with a cool-down
        tick(HOT);
        tick(HOT);            // t9: the window (4 ticks) holds C, H, H, H
        machine.newSession();

        assertThat(machine.counters()).containsEntry(EngineStateKeys.MODE, "ACTIVE").containsEntry(EngineStateKeys.HALT_REASON, "")
                .containsEntry(EngineStateKeys.DEGRADED_ENTRY_COUNT, "0").containsEntry(EngineStateKeys.episodeCount(GuardSource.ANCHOR_SATURATION), "0")
                .containsEntry(EngineStateKeys.recoveryCooldownUntilTick(GuardSource.ANCHOR_SATURATION), "0")
                .containsEntry(EngineStateKeys.state(GuardSource.ANCHOR_SATURATION), "normal");
        events.clear();
        tick(CALM);           // t10: H, H, H, C — 75 % hot: the new session sees the market at once (a fresh window would hold one calm tick)
        assertThat(events).containsExactly("t10 anchor_saturation degraded episode=1", "t10 mode ACTIVE->DEGRADED");
    }

    @Test
    void observedHistoryFillsTheWindowsWithoutADecisionSoTheFirstTickSeesTheMarketBefore() {
        for (int i = 0; i < 3; i++) {
            double vwap = price * (1 + HOT / 10_000);
            java.util.Map<String, Candle> latest = java.util.Map.of("TSTUSDT", new Candle("TSTUSDT", T0, T0.plusSeconds(60), price, price * 1.01,
                    price * 0.99, price, 100, 100 * vwap));
            machine.observe(new GuardInputs(latest, Double.NaN, null));
        }
        assertThat(machine.mode()).isEqualTo(Mode.ACTIVE);

        tick(CALM);           // t1: 3 hot of 4 in the window

        assertThat(events).containsExactly("t1 anchor_saturation degraded episode=1", "t1 mode ACTIVE->DEGRADED");
    }

    @Test
    void illegalTransitionNamesTheStateAndTheTrigger() {
        assertThatThrownBy(() -> SourceState.DEGRADED.on(SourceState.Trigger.FIRE))
                .hasMessage("a guard source in state degraded cannot take trigger FIRE");
    }

    @Test
    void walletTruthRecoversOnTheFirstAgreeingCheckWithoutACoolDownEvenAfterReFiring() {
        tick(CALM, 0, 0.02);                      // t1 above the 0.01 tolerance → degraded
        tick(CALM, 0, null);                      // t2 not checked this tick: nothing to judge
        tick(CALM, 0, 0.01);                      // t3 at the tolerance: agrees → recovered
        tick(CALM, 0, 0.02);                      // t4 re-fires after a recovery
        tick(CALM, 0, 0.0);                       // t5 recovers at once: no cool-down, no stability run for the truth guard

        assertThat(events).containsExactly("t1 wallet_truth degraded episode=1", "t1 mode ACTIVE->DEGRADED",
                "t3 wallet_truth recovered", "t3 mode DEGRADED->ACTIVE",
                "t4 wallet_truth degraded episode=2", "t4 mode ACTIVE->DEGRADED",
                "t5 wallet_truth recovered", "t5 mode DEGRADED->ACTIVE");
        assertThat(machine.recoveryCooldownUntilTick(GuardSource.WALLET_TRUTH)).isZero();
    }

    @Test
    void aSourceWhoseRecoveryIsDisabledStaysDegradedForTheRestOfTheSession() {
        GuardMachine strict = new GuardMachine(config("guard.anchor_window_seconds", 4 * 60, "guard.recovery_stability_seconds", 2 * 60,
                "guard.anchor_recovery_enabled", false).guard(), TICK);
        List<Mode> modes = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            double bps = i == 1 ? HOT : CALM;
            double vwap = price * (1 + bps / 10_000);
            Map<String, Candle> latest = Map.of("TSTUSDT", new Candle("TSTUSDT", T0, T0.plusSeconds(60), price, price, price, price, 100, 100 * vwap));
            modes.add(strict.evaluate(i, new GuardInputs(latest, 0, null)).mode());
        }

        assertThat(modes).containsOnly(Mode.DEGRADED);
        assertThat(strict.episodes(GuardSource.ANCHOR_SATURATION)).isEqualTo(1);
    }

    @Test
    void durationsBecomeTicksOfTheCadenceRoundedUpAndNeverUnderTwo() {
        GuardSettings base = config().guard();

        GuardTicks minute = GuardTicks.of(base, 60);
        GuardTicks design = GuardTicks.of(base, 4);

        assertThat(List.of(minute.anchorWindow(), minute.anchorStability(), minute.driftWindow(), minute.driftStability(),
                minute.corridorLookback(), minute.recoveryCooldown())).as("at one-minute ticks").containsExactly(4, 2, 2, 2, 2, 8);
        assertThat(List.of(design.anchorWindow(), design.anchorStability(), design.driftWindow(), design.driftStability(),
                design.corridorLookback(), design.recoveryCooldown())).as("the design's own counts at its ~4 s cadence")
                .containsExactly(60, 30, 30, 10, 20, 120);
    }

    /**
     * {@link GuardTicks#fastestHalt} checked against the machine itself: a drift that falls 3 % in a window's span,
     * recovers as soon as the window refills flat and falls again, as fast as its rules allow, HALTs on the episode cap
     * on the tick the formula gives.
     */
    @Test
    void theFastestFlapHaltsOnTheEpisodeCapWhenTheFormulaSays() {
        GuardMachine flapping = new GuardMachine(config().guard(), TICK);
        GuardTicks ticks = flapping.ticks();
        long expected = ticks.fastestHalt(GuardSource.DIRECTIONAL_DRIFT, 3);
        double close = 100;
        long halted = 0;
        for (long t = 1; t <= 200 && halted == 0; t++) {
            SourceState state = flapping.state(GuardSource.DIRECTIONAL_DRIFT);
            close = state == SourceState.NORMAL ? close * 0.985 : close;     // falls while normal, flat while degraded
            Map<String, Candle> latest = Map.of("TSTUSDT", new Candle("TSTUSDT", T0, T0.plusSeconds(60), close, close, close, close, 100, 100 * close));
            GuardMachine.Outcome outcome = flapping.evaluate(t, new GuardInputs(latest, 0, null));
            if (GuardMachine.DEGRADED_EPISODE_CAP.equals(outcome.haltReason())) {
                halted = t;
            }
        }

        assertThat(halted).as("HALT tick of the fastest flap").isEqualTo(expected);
        assertThat(expected).as("well inside a 2-hour session of one-minute ticks").isLessThan(120);
    }
}
