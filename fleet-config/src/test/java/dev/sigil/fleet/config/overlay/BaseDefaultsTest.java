package dev.sigil.fleet.config.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.guard.GuardTicks;
import dev.sigil.fleet.testkit.RepoFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code grid-overlays/base.yaml}, key by key, against the design: each default is the design's value, or
 * its documented rescaling (the guards' tick counts were for a ~4 s loop: a duration here is the design's count × 4 s,
 * see docs/decisions.md). A key added to base.yaml without its line here fails, so every default is looked at once.
 */
class BaseDefaultsTest {

    /** The design's loop: its guard counts are ticks of about this many seconds. */
    private static final int DESIGN_TICK_SECONDS = 4;

    private static Map<String, Object> design() {
        Map<String, Object> design = new LinkedHashMap<>();
        design.put("scanner.scan_interval_seconds", 60);
        design.put("scanner.session_duration_seconds", 7200);               // 2-hour sessions
        design.put("scanner.stall_exit_intervals", 5);
        design.put("scanner.equity_snapshot_cycles", 10);
        design.put("scanner.warmup_candles", 100);
        design.put("market.symbols", List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "AVAXUSDT",
                "LINKUSDT", "TSTUSDT"));
        design.put("market.interval", "1m");                                  // the micro-scanner: minute candles
        design.put("strategy.name", "ema_cross_v001");
        design.put("strategy.interval", "base");
        design.put("strategy.ema_fast_period", 9);
        design.put("strategy.ema_slow_period", 21);
        design.put("strategy.rsi_period", 14);
        design.put("strategy.rsi_max", 70.0);
        design.put("strategy.volume_sma_period", 20);
        design.put("strategy.volume_multiplier", 1.2);
        design.put("strategy.atr_period", 14);
        design.put("entry.max_open_positions", 5);
        design.put("entry.cooldown_hours", 6.0);
        design.put("exit.atr_interval", "1h");                                // G1's ATR on the hourly range (docs/decisions.md)
        design.put("exit.hard_stop_floor_pct", 3.0);
        design.put("exit.hard_stop_multiplier", 1.5);                         // D1's baseline arm
        design.put("exit.hard_stop_cap_pct", 6.0);
        design.put("exit.trail_activation_atr", 1.0);
        design.put("exit.trail_atr_multiplier", 2.0);
        design.put("exit.max_hold_minutes", 0);
        design.put("sizing.risk_per_trade_usd", 5.0);
        design.put("sizing.max_position_usd", 50.0);
        design.put("sizing.position_pct", 10.0);
        design.put("paper.starting_balance_usd", 1000.0);
        design.put("paper.fee_pct", 0.10);
        design.put("paper.slippage_pct", 0.05);
        design.put("paper.min_notional_usd", 5.0);
        design.put("guard.anchor_window_seconds", 60 * DESIGN_TICK_SECONDS);
        design.put("guard.anchor_entry_bps", 6.0);
        // the design's 40 % was of a 60-sample window; of the 4 one-minute ticks its 4 minutes make, 2 hot ones are noise
        // (a random hot minute in five fires it 18 % of the time): more than 60 %, 3 of 4 (docs/decisions.md)
        design.put("guard.anchor_entry_fraction_pct", 60.0);
        design.put("guard.anchor_exit_bps", 4.0);
        design.put("guard.anchor_exit_fraction_pct", 30.0);
        design.put("guard.recovery_stability_seconds", 30 * DESIGN_TICK_SECONDS);
        design.put("guard.anchor_recovery_enabled", true);
        design.put("guard.drift_window_seconds", 30 * DESIGN_TICK_SECONDS);
        design.put("guard.drift_entry_pct", 2.0);
        design.put("guard.drift_exit_pct", 1.0);
        design.put("guard.recovery_stability_seconds_drift", 10 * DESIGN_TICK_SECONDS);
        design.put("guard.drift_recovery_enabled", true);
        design.put("guard.max_exposure_pct", 60.0);
        design.put("guard.corridor_exit_pct", 50.0);
        design.put("guard.corridor_lookback_seconds", 20 * DESIGN_TICK_SECONDS);
        design.put("guard.corridor_recovery_enabled", true);
        design.put("guard.truth_tolerance_usd", 0.01);
        design.put("guard.truth_halt_usd", 1.0);
        design.put("guard.truth_recovery_enabled", true);
        design.put("guard.recovery_cooldown_seconds", 120 * DESIGN_TICK_SECONDS);
        design.put("guard.max_degraded_episodes_per_source_per_session", 3); // the fourth episode HALTs
        design.put("risk.max_daily_loss_usd", 25.0);
        design.put("risk.max_drawdown_pct", 10.0);
        design.put("risk.stoploss_guard_count", 4);
        design.put("risk.stoploss_guard_lookback_minutes", 60);
        design.put("risk.stoploss_guard_pause_minutes", 60);
        design.put("research.shadow_exits", List.of("grid"));
        design.put("research.minimum_effect_r", 0.05);
        return design;
    }

    @Test
    void everyDefaultIsTheDesignsValueOrItsDocumentedRescaling() {
        EffectiveConfig base = new GridOverlays(RepoFiles.gridOverlays()).resolve(RepoFiles.gridOverlays().resolve(GridOverlays.BASE), List.of());

        Map<String, Object> shipped = new LinkedHashMap<>();
        base.values().forEach((key, value) -> shipped.put(key, value instanceof Number number && !(value instanceof Integer) ? number.doubleValue() : value));
        Map<String, Object> design = design();
        design.replaceAll((key, value) -> value instanceof Number number && !(value instanceof Integer) ? number.doubleValue() : value);

        assertThat(shipped).containsExactlyInAnyOrderEntriesOf(design);
    }

    @Test
    void atTheDesignsCadenceTheDurationsAreItsOwnTickCountsAndAtOneMinuteTheFlappingBackstopFitsASession() {
        EffectiveConfig base = new GridOverlays(RepoFiles.gridOverlays()).resolve(RepoFiles.gridOverlays().resolve(GridOverlays.BASE), List.of());

        GuardTicks design = GuardTicks.of(base.config().guard(), DESIGN_TICK_SECONDS);
        GuardTicks minute = GuardTicks.of(base.config().guard(), base.config().tickSeconds());

        assertThat(List.of(design.anchorWindow(), design.anchorStability(), design.driftWindow(), design.driftStability(), design.corridorLookback(),
                design.recoveryCooldown())).containsExactly(60, 30, 30, 10, 20, 120);
        assertThat(base.config().tickSeconds()).isEqualTo(60);
        long sessionTicks = base.config().scanner().sessionDurationSeconds() / 60;
        for (var source : List.of(dev.sigil.fleet.core.guard.GuardSource.ANCHOR_SATURATION, dev.sigil.fleet.core.guard.GuardSource.DIRECTIONAL_DRIFT,
                dev.sigil.fleet.core.guard.GuardSource.INVENTORY_CORRIDOR)) {
            assertThat(minute.fastestHalt(source, 3)).as("%s reaches its fourth episode inside a 2-hour session", source).isLessThan(sessionTicks / 3);
        }
    }
}
