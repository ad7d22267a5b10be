package dev.sigil.fleet.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The guard sources that put the engine in DEGRADED (no new entries) and let it out again. Each source enters on
 * its entry threshold and leaves only on a stricter exit threshold held for its stability period (hysteresis);
 * exit thresholds must lie strictly inside entry thresholds, or the config is refused. Windows, stability periods,
 * the corridor's lookback and the cool-down are durations, as the design gives them in wall-clock terms (its tick
 * counts were written for a ~4 s loop): the engine turns them into ticks of the running cadence, rounding up and
 * never under 2 ticks (see {@link dev.sigil.fleet.core.guard.GuardTicks}). wallet_truth has no duration: it recovers on
 * the first check that agrees.
 */
public record GuardSettings(
        @Setting(value = "anchor_saturation: length of its window, seconds (design: 60 ticks of ~4 s)", min = 1, max = 100_000_000)
        int anchorWindowSeconds,
        @Setting(value = "anchor_saturation: a tick is hot when the median |close − VWAP| / VWAP exceeds this, basis points", min = 0, minExclusive = true, max = 10_000)
        double anchorEntryBps,
        @Setting(value = "anchor_saturation: enters DEGRADED when hot ticks exceed this percent of the window", min = 0, max = 100)
        double anchorEntryFractionPct,
        @Setting(value = "anchor_saturation: for recovery a tick counts as hot above this, basis points (below anchor_entry_bps)", min = 0, max = 10_000)
        double anchorExitBps,
        @Setting(value = "anchor_saturation: recovers when such ticks are under this percent of the window (below anchor_entry_fraction_pct)", min = 0, max = 100)
        double anchorExitFractionPct,
        @Setting(value = "anchor_saturation: how long the exit condition must hold without a break, seconds (design: 30 ticks ≈ 2 min)", min = 1, max = 100_000_000)
        int recoveryStabilitySeconds,
        @Setting(value = "anchor_saturation: whether it may recover within a session (false: once DEGRADED, it stays so until the session ends)")
        boolean anchorRecoveryEnabled,
        @Setting(value = "directional_drift: span over which each symbol's return is measured, seconds (design: 30 ticks ≈ 2 min)", min = 1, max = 100_000_000)
        int driftWindowSeconds,
        @Setting(value = "directional_drift: enters DEGRADED when the universe's median return is below minus this percent", min = 0, minExclusive = true, max = 100)
        double driftEntryPct,
        @Setting(value = "directional_drift: recovers when the median return is above minus this percent (below drift_entry_pct)", min = 0, max = 100)
        double driftExitPct,
        @Setting(value = "directional_drift: how long the exit condition must hold without a break, seconds (design: 10 ticks ≈ 40 s)", min = 1, max = 100_000_000)
        int recoveryStabilitySecondsDrift,
        @Setting(value = "directional_drift: whether it may recover within a session")
        boolean driftRecoveryEnabled,
        @Setting(value = "inventory_corridor: Σ open notional as a percent of equity above which exposure is outside the corridor", min = 0, minExclusive = true, max = 10_000)
        double maxExposurePct,
        @Setting(value = "inventory_corridor: recovers when exposure is back under this percent of equity (below max_exposure_pct)", min = 0, max = 10_000)
        double corridorExitPct,
        @Setting(value = "inventory_corridor: how long outside to enter DEGRADED, and back inside to recover, seconds (design: 20 ticks ≈ 80 s)", min = 1, max = 100_000_000)
        int corridorLookbackSeconds,
        @Setting(value = "inventory_corridor: whether it may recover within a session")
        boolean corridorRecoveryEnabled,
        @Setting(value = "wallet_truth: ledger divergence (database vs memory) above which the engine is DEGRADED, dollars; a check at "
                + "or under it recovers at once (no cool-down, outside the episode cap)", min = 0, max = 1_000_000)
        double truthToleranceUsd,
        @Setting(value = "wallet_truth: divergence above which the engine HALTs (inventory_truth_halt), dollars", min = 0, minExclusive = true, max = 1_000_000)
        double truthHaltUsd,
        @Setting(value = "wallet_truth: whether it may recover within a session")
        boolean truthRecoveryEnabled,
        @Setting(value = "how long anchor_saturation, directional_drift or inventory_corridor cannot recover after re-firing following a "
                + "recovery, seconds (design: 120 ticks ≈ 8 min; wallet_truth has none); shorter than the session", min = 0, max = 100_000_000)
        int recoveryCooldownSeconds,
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
        if (truthToleranceUsd >= truthHaltUsd) {
            problems.add(new CrossProblem("truth_tolerance_usd", truthToleranceUsd, "must be below guard.truth_halt_usd (" + truthHaltUsd + ")"));
        }
        return problems;
    }
}
