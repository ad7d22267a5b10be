package dev.sigil.fleet.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, valid base layer built in code, so config rules can be tested without files. Unlike base.yaml its
 * stop ATR and strategy run on the base (1m) candles, so engine tests can hand-compute with minute candles alone.
 */
public final class ConfigTrees {

    private ConfigTrees() {
    }

    public static ConfigLayer base() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("scanner", map("scan_interval_seconds", 60, "session_duration_seconds", 7200, "stall_exit_intervals", 5,
                "equity_snapshot_cycles", 10, "warmup_candles", 100));
        tree.put("market", map("symbols", List.of("BTCUSDT", "TSTUSDT"), "interval", "1m"));
        tree.put("strategy", map("name", "ema_cross_v001", "interval", "base", "ema_fast_period", 9, "ema_slow_period", 21, "rsi_period", 14,
                "rsi_max", 70, "volume_sma_period", 20, "volume_multiplier", 1.2, "atr_period", 14));
        tree.put("entry", map("max_open_positions", 5, "cooldown_hours", 6));
        tree.put("exit", map("atr_interval", "1m", "hard_stop_floor_pct", 3.0, "hard_stop_multiplier", 1.5, "hard_stop_cap_pct", 6.0,
                "trail_activation_atr", 1.0, "trail_atr_multiplier", 2.0, "max_hold_minutes", 0));
        tree.put("sizing", map("risk_per_trade_usd", 5.0, "max_position_usd", 50.0, "position_pct", 10.0));
        tree.put("paper", map("starting_balance_usd", 1000.0, "fee_pct", 0.10, "slippage_pct", 0.05, "min_notional_usd", 5.0));
        tree.put("guard", map("anchor_window_seconds", 240, "anchor_entry_bps", 6.0, "anchor_entry_fraction_pct", 60,
                "anchor_exit_bps", 4.0, "anchor_exit_fraction_pct", 30, "recovery_stability_seconds", 120, "anchor_recovery_enabled", true,
                "drift_window_seconds", 120, "drift_entry_pct", 2.0, "drift_exit_pct", 1.0, "recovery_stability_seconds_drift", 40,
                "drift_recovery_enabled", true, "max_exposure_pct", 60, "corridor_exit_pct", 50, "corridor_lookback_seconds", 80,
                "corridor_recovery_enabled", true, "truth_tolerance_usd", 0.01, "truth_halt_usd", 1.00, "truth_recovery_enabled", true,
                "recovery_cooldown_seconds", 480, "max_degraded_episodes_per_source_per_session", 3));
        tree.put("risk", map("max_daily_loss_usd", 25, "max_drawdown_pct", 10, "stoploss_guard_count", 4,
                "stoploss_guard_lookback_minutes", 60, "stoploss_guard_pause_minutes", 60));
        tree.put("research", map("shadow_exits", List.of(), "minimum_effect_r", 0.05));
        return new ConfigLayer("base.yaml", tree);
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static ConfigLayer layer(String origin, Object... sectionsAndMaps) {
        return new ConfigLayer(origin, map(sectionsAndMaps));
    }
}
