package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.config.GuardSettings;
import java.util.Locale;

/**
 * {@code wallet_truth}: the ledger recomputed from the database against the engine's memory, as a divergence in
 * dollars. Above the tolerance it degrades and at most {@code truth_recovery_usd} it may recover (hysteresis); above
 * the halt level the guard machine halts
 * ({@code inventory_truth_halt}). Measured only on ticks the ledger was checked.
 */
final class WalletTruth implements GuardSignal {

    private final GuardSettings settings;
    private double divergence;
    private boolean measured;

    WalletTruth(GuardSettings settings) {
        this.settings = settings;
    }

    @Override
    public void measure(GuardInputs inputs) {
        measured = inputs.truthDivergenceUsd() != null;
        if (measured) {
            divergence = inputs.truthDivergenceUsd();
        }
    }

    @Override
    public boolean measured() {
        return measured;
    }

    @Override
    public boolean entryHolds() {
        return measured && divergence > settings.truthToleranceUsd();
    }

    @Override
    public boolean exitHolds() {
        return measured && divergence <= settings.truthRecoveryUsd();
    }

    boolean haltHolds() {
        return measured && divergence > settings.truthHaltUsd();
    }

    @Override
    public void restartWindow() {
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "divergence=%.4fUSD", divergence);
    }
}
