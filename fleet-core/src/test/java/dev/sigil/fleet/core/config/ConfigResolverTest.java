package dev.sigil.fleet.core.config;

import static dev.sigil.fleet.core.config.ConfigTrees.base;
import static dev.sigil.fleet.core.config.ConfigTrees.layer;
import static dev.sigil.fleet.core.config.ConfigTrees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {

    private final ConfigResolver resolver = ConfigResolver.sigil();

    @Test
    void overlayWinsKeyByKeyAndEveryValueRemembersItsOrigin() {
        EffectiveConfig effective = resolver.resolve(List.of(base(),
                layer("aggressive.yaml", "exit", map("hard_stop_multiplier", 2.5))));

        assertThat(effective.config().exit().hardStopMultiplier()).isEqualTo(2.5);
        assertThat(effective.config().exit().hardStopFloorPct()).isEqualTo(3.0);
        assertThat(effective.origins()).containsEntry("exit.hard_stop_multiplier", "aggressive.yaml")
                .containsEntry("exit.hard_stop_floor_pct", "base.yaml");
        assertThat(effective.values()).containsEntry("market.symbols", List.of("BTCUSDT", "TSTUSDT"));
    }

    @Test
    void malformedOverlayIsRejectedWithAllItsProblemsNamingFileKeyValueAndAllowedRange() {
        ConfigLayer overlay = layer("grid-overlays/broken.yaml",
                "exit", map("hard_stop_multiplyer", 2.5, "hard_stop_cap_pct", 120.0, "trail_atr_multiplier", "wide"),
                "sizing", map("max_position_usd", -1),
                "risks", map("max_daily_loss_usd", 25));

        InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
                () -> resolver.resolve(List.of(base(), overlay)));

        assertThat(error.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "exit.hard_stop_multiplyer", "risks", "exit.hard_stop_cap_pct", "exit.trail_atr_multiplier", "sizing.max_position_usd");
        assertThat(error.problems()).allSatisfy(problem -> assertThat(problem.origin()).isEqualTo("grid-overlays/broken.yaml"));
        assertThat(error.getMessage())
                .contains("exit.hard_stop_multiplyer: unknown key — did you mean exit.hard_stop_multiplier?")
                .contains("exit.hard_stop_cap_pct = 120.0: is out of range (allowed: a number from 0.1 to 90)")
                .contains("exit.trail_atr_multiplier = 'wide': is not a number (allowed: a number > 0 and ≤ 50)")
                .contains("sizing.max_position_usd = -1: is out of range (allowed: a number > 0 and ≤ 10000000)")
                .contains("risks: unknown section — did you mean risk?");
    }

    @Test
    void droppedUnitSuffixIsSuggested() {
        assertThat(ConfigSchema.sigil().suggest("entry.cooldown")).contains("entry.cooldown_hours");
        assertThat(ConfigSchema.sigil().suggest("exit.max_hold")).contains("exit.max_hold_minutes");
        assertThat(ConfigSchema.sigil().suggest("exit.nothing_like_it")).isEmpty();
    }

    @Test
    void keyMissingFromTheBaseIsReportedAgainstTheBase() {
        Map<String, Object> tree = new LinkedHashMap<>(base().tree());
        Map<String, Object> exit = new LinkedHashMap<>(map("hard_stop_floor_pct", 3.0, "hard_stop_multiplier", 1.5, "hard_stop_cap_pct", 6.0,
                "trail_activation_atr", 1.0, "trail_atr_multiplier", 2.0));
        tree.put("exit", exit);

        assertThatThrownBy(() -> resolver.resolve(List.of(new ConfigLayer("base.yaml", tree))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("base.yaml: exit.max_hold_minutes: is missing");
    }

    @Test
    void crossKeyRulesAreReportedOnTheLayerThatBrokeThem() {
        ConfigLayer overlay = layer("tight.yaml", "exit", map("hard_stop_floor_pct", 8.0), "strategy", map("ema_fast_period", 30));

        InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
                () -> resolver.resolve(List.of(base(), overlay)));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "tight.yaml: exit.hard_stop_floor_pct = 8.0: must not exceed exit.hard_stop_cap_pct (6.0)",
                "tight.yaml: strategy.ema_fast_period = 30: must be below strategy.ema_slow_period (21)");
    }

    @Test
    void intervalsBuiltFromTheBaseCandlesMustBeBinanceIntervalsAndMultiplesOfTheBase() {
        InvalidConfigException notMultiples = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("odd.yaml", "market", map("interval", "3m"), "exit", map("atr_interval", "5m"), "strategy", map("interval", "1m")))));
        InvalidConfigException notBinance = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("odd.yaml", "exit", map("atr_interval", "90m")))));

        assertThat(notMultiples.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "odd.yaml: exit.atr_interval = '5m': must be a multiple of market.interval (3m): it is built from those candles (e.g. exit.atr_interval=3m)",
                "odd.yaml: strategy.interval = '1m': must be a multiple of market.interval (3m): it is built from those candles (e.g. strategy.interval=3m)");
        assertThat(notBinance.getMessage()).contains("exit.atr_interval").contains("90m").contains("1h");
        assertThat(resolver.resolve(List.of(base(), layer("fine.yaml", "exit", map("atr_interval", "4h")))).config().warmupCandles())
                .as("ATR(14) on 4h candles needs 15 of them: 3,600 minutes, and one more to complete the first").isEqualTo(15 * 240 + 240);
    }

    @Test
    void guardTimesMustFitTheSessionAndEveryGuardNeedsAHysteresisBand() {
        InvalidConfigException noBand = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("flat.yaml", "guard", map("corridor_exit_pct", 60, "truth_tolerance_usd", 1.0)))));

        assertThat(noBand.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder("guard.corridor_exit_pct", "guard.truth_tolerance_usd");
        InvalidConfigException tooLong = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("long.yaml", "guard", map("recovery_cooldown_seconds", 7200), "scanner", map("session_duration_seconds", 7200)))));
        assertThat(tooLong.getMessage()).contains("long.yaml: guard.recovery_cooldown_seconds = 7200: must be shorter than the session "
                + "(scanner.session_duration_seconds 7200, in whole ticks of 60 s)");
    }

    @Test
    void aCapThatAFlappingSourceCannotReachInsideOneSessionIsRefusedNamingTheSource() {
        // the old defaults: windows and stability of 30 one-minute ticks make a drift episode last 40 ticks at least
        InvalidConfigException slow = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("slow.yaml", "guard", map("drift_window_seconds", 1800, "recovery_stability_seconds_drift", 600)))));

        assertThat(slow.getMessage()).contains("guard.max_degraded_episodes_per_source_per_session = 3: cannot be reached inside one "
                + "session: directional_drift flapping as fast as its windows, stability and cool-down allow needs 166 ticks of 60 s to enter "
                + "DEGRADED 4 times, the session (scanner.session_duration_seconds) has 120");
        assertThat(resolver.resolve(List.of(base(), layer("strict.yaml", "guard", map("drift_window_seconds", 1800,
                "recovery_stability_seconds_drift", 600, "drift_recovery_enabled", false)))).config().guard().driftRecoveryEnabled())
                .as("a source that never recovers cannot flap: nothing to reach").isFalse();
    }

    @Test
    void aRetiredGuardKeySaysWhatBecameOfIt() {
        InvalidConfigException old = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("old.yaml", "guard", map("recovery_cooldown_ticks", 8, "truth_recovery_usd", 0.005)))));

        assertThat(old.getMessage()).contains("old.yaml: guard.recovery_cooldown_ticks: is no longer a key: renamed guard.recovery_cooldown_seconds")
                .contains("old.yaml: guard.truth_recovery_usd: is no longer a key: removed: wallet_truth recovers on the first check within "
                        + "guard.truth_tolerance_usd");
    }

    @Test
    void overlayIsRejectedWhenExitThresholdsAreNotInsideEntryThresholds() {
        InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("loose.yaml", "guard", map("anchor_exit_bps", 6.0, "anchor_exit_fraction_pct", 65, "drift_exit_pct", 2.5)))));

        assertThat(error.problems()).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("guard.anchor_exit_bps", "guard.anchor_exit_fraction_pct", "guard.drift_exit_pct");
        assertThat(error.getMessage()).contains("loose.yaml: guard.anchor_exit_bps = 6.0: must be below guard.anchor_entry_bps (6.0)")
                .contains("loose.yaml: guard.drift_exit_pct = 2.5: must be below guard.drift_entry_pct (2.0)");
    }

    @Test
    void wholeNumberKeysTakeIntegralNumbersOnly() {
        assertThat(resolver.resolve(List.of(base(), layer("o.yaml", "entry", map("max_open_positions", 7.0))))
                .config().entry().maxOpenPositions()).isEqualTo(7);
        assertThatThrownBy(() -> resolver.resolve(List.of(base(), layer("o.yaml", "entry", map("max_open_positions", 7.5)))))
                .hasMessageContaining("o.yaml: entry.max_open_positions = 7.5: is not a whole number (allowed: a whole number from 1 to 1000)");
    }

    @Test
    void listsAndChoicesAreCheckedElementByElement() {
        InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("o.yaml", "market", map("symbols", List.of("BTCUSDT", "btc-usd"), "interval", "7m")))));

        assertThat(error.getMessage())
                .contains("market.symbols = [BTCUSDT, btc-usd]: 'btc-usd' does not match [A-Z0-9]{2,20}")
                .contains("market.interval = '7m': '7m' is not a known value (allowed: one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h)");
    }

    @Test
    void sectionGivenAsAValueAndValueGivenAsASectionAreBothTypeErrors() {
        InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class, () -> resolver.resolve(List.of(base(),
                layer("o.yaml", "exit", 3, "sizing", map("max_position_usd", map("usd", 3))))));

        assertThat(error.getMessage())
                .contains("o.yaml: exit = 3: must be a section holding keys, not a value")
                .contains("o.yaml: sizing.max_position_usd = {usd=3}: is a section, but a value is expected here");
    }

    @Test
    void checkingALayerAloneReportsItsOwnProblemsWithoutDemandingEveryKey() {
        assertThat(resolver.check(layer("moderate.yaml", "entry", map("cooldown_hours", 4)))).isEmpty();
        assertThat(resolver.check(layer("moderate.yaml", "entry", map("cooldown_hours", -4))))
                .extracting(ConfigProblem::path).containsExactly("entry.cooldown_hours");
    }

    @Test
    void diffListsOnlyTheKeysThatDiffer() {
        EffectiveConfig baseline = resolver.resolve(List.of(base()));
        EffectiveConfig aggressive = resolver.resolve(List.of(base(),
                layer("aggressive.yaml", "exit", map("hard_stop_multiplier", 2.5), "entry", map("max_open_positions", 8, "cooldown_hours", 6.0))));

        assertThat(baseline.diff(aggressive)).containsOnlyKeys("exit.hard_stop_multiplier", "entry.max_open_positions");
        assertThat(baseline.diff(aggressive).get("exit.hard_stop_multiplier"))
                .isEqualTo(new EffectiveConfig.Difference("exit.hard_stop_multiplier", 1.5, 2.5));
    }

    @Test
    void everyKeyOfTheSchemaDescribesItself() {
        assertThat(ConfigSchema.sigil().keys()).allSatisfy(key -> {
            assertThat(key.doc()).isNotBlank();
            assertThat(key.allowed()).isNotBlank();
        });
        assertThat(ConfigSchema.sigil().paths()).contains("exit.hard_stop_floor_pct", "scanner.scan_interval_seconds",
                "sizing.risk_per_trade_usd", "paper.fee_pct", "entry.cooldown_hours");
    }
}
