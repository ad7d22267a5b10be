package dev.sigil.fleet.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The guard sources that put the engine in DEGRADED (no new entries) and let it out again. Each source enters on
 * its entry threshold and leaves only on a stricter exit threshold held for its stability period (hysteresis);
 * exit thresholds must lie strictly inside entry thresholds, or the config is refused. Counts are in ticks — one
 * minute at the defaults, live (scanner.scan_interval_seconds 60) and in replay (market.interval 1m) alike — so the
 * defaults carry the design's wall-clock intent: a cool-down of 8 minutes, recovery well inside a 2-hour session.
 */
public record GuardSettings(
        @Setting(value = "anchor_saturation: ticks in its window", min = 2, max = 100_000)
        int anchorWindowTicks,
        @Setting(value = "anchor_saturation: a tick is hot when the median |close − VWAP| / VWAP exceeds this, basis points", min = 0, minExclusive = true, max = 10_000)
        double anchorEntryBps,
        @Setting(value = "anchor_saturation: enters DEGRADED when hot ticks exceed this percent of the window", min = 0, max = 100)
        double anchorEntryFractionPct,
        @Setting(value = "anchor_saturation: for recovery a tick counts as hot above this, basis points (below anchor_entry_bps)", min = 0, max = 10_000)
        double anchorExitBps,
        @Setting(value = "anchor_saturation: recovers when such ticks are under this percent of the window (below anchor_entry_fraction_pct)", min = 0, max = 100)
        double anchorExitFractionPct,
        @Setting(value = "anchor_saturation: ticks the exit condition must hold without a break", min = 2, max = 100_000)
        int recoveryStabilityTicks,
        @Setting(value = "directional_drift: ticks over which each symbol's return is measured", min = 2, max = 100_000)
        int driftWindowTicks,
        @Setting(value = "directional_drift: enters DEGRADED when the universe's median return is below minus this percent", min = 0, minExclusive = true, max = 100)
        double driftEntryPct,
        @Setting(value = "directional_drift: recovers when the median return is above minus this percent (below drift_entry_pct)", min = 0, max = 100)
        double driftExitPct,
        @Setting(value = "directional_drift: ticks the exit condition must hold without a break", min = 2, max = 100_000)
        int recoveryStabilityTicksDrift,
        @Setting(value = "inventory_corridor: Σ open notional as a percent of equity above which exposure is outside the corridor", min = 0, minExclusive = true, max = 10_000)
        double maxExposurePct,
        @Setting(value = "inventory_corridor: recovers when exposure is back under this percent of equity (below max_exposure_pct)", min = 0, max = 10_000)
        double corridorExitPct,
        @Setting(value = "inventory_corridor: consecutive ticks outside to enter DEGRADED, back inside to recover", min = 2, max = 100_000)
        int corridorLookbackTicks,
        @Setting(value = "wallet_truth: ledger divergence (database vs memory) above which the engine is DEGRADED, dollars", min = 0, max = 1_000_000)
        double truthToleranceUsd,
        @Setting(value = "wallet_truth: recovers when the divergence is at most this, dollars (below truth_tolerance_usd)", min = 0, max = 1_000_000)
        double truthRecoveryUsd,
        @Setting(value = "wallet_truth: divergence above which the engine HALTs (inventory_truth_halt), dollars", min = 0, minExclusive = true, max = 1_000_000)
        double truthHaltUsd,
        @Setting(value = "wallet_truth: consecutive agreeing checks needed to recover", min = 2, max = 100_000)
        int truthRecoveryTicks,
        @Setting(value = "ticks anchor_saturation, directional_drift or inventory_corridor cannot recover after re-firing following a "
                + "recovery (wallet_truth has no cool-down); shorter than the session", min = 0, max = 1_000_000)
        int recoveryCooldownTicks,
        @Setting(value = "a guard source entering DEGRADED more often than this in one session HALTs the engine (degraded_episode_cap)", min = 1, max = 1_000)
        int maxDegradedEpisodesPerSourcePerSession) implements CrossChecked {

    @Override
    public List<CrossProblem> crossProblems() {
        List<CrossProblem> problems = new ArrayList<>();
        if (anchorExitBps >= anchorEntryBps) {
            problems.add(new CrossProblem("anchor_exit_bps", anchorExitBps,
                    "must be below guard.anchor_entry_bps (" + anchorEntryBps + "): the exit threshold must lie inside the entry threshold"));
        }
        if (anchorExitFractionPct >= anchorEntryFractionPct) {
            problems.add(new CrossProblem("anchor_exit_fraction_pct", anchorExitFractionPct,
                    "must be below guard.anchor_entry_fraction_pct (" + anchorEntryFractionPct + "): the exit threshold must lie inside the entry threshold"));
        }
        if (driftExitPct >= driftEntryPct) {
            problems.add(new CrossProblem("drift_exit_pct", driftExitPct,
                    "must be below guard.drift_entry_pct (" + driftEntryPct + "): recovery needs a smaller drift than entry"));
        }
        if (corridorExitPct >= maxExposurePct) {
            problems.add(new CrossProblem("corridor_exit_pct", corridorExitPct,
                    "must be below guard.max_exposure_pct (" + maxExposurePct + "): the exit threshold must lie inside the entry threshold"));
        }
        if (truthRecoveryUsd >= truthToleranceUsd && truthToleranceUsd > 0) {
            problems.add(new CrossProblem("truth_recovery_usd", truthRecoveryUsd,
                    "must be below guard.truth_tolerance_usd (" + truthToleranceUsd + "): the exit threshold must lie inside the entry threshold"));
        }
        if (truthToleranceUsd >= truthHaltUsd) {
            problems.add(new CrossProblem("truth_tolerance_usd", truthToleranceUsd, "must be below guard.truth_halt_usd (" + truthHaltUsd + ")"));
        }
        return problems;
    }
}
