package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.config.GuardSettings;
import java.util.Locale;

/**
 * {@code wallet_truth}: the ledger recomputed from the database against the engine's memory, as a divergence in
 * dollars. Above the tolerance it degrades; a check at or under it recovers (the design's rule: at once, no cool-down,
 * outside the episode cap); above the halt level the guard machine halts ({@code inventory_truth_halt}). Measured only
 * on ticks the ledger was checked.
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
        return measured && divergence <= settings.truthToleranceUsd();
    }

    boolean haltHolds() {
        return measured && divergence > settings.truthHaltUsd();
    }

    @Override
    public void restartWindow() {
    }

    /** Nothing lasts from one tick to the next: each check is judged on its own. */
    @Override
    public String snapshot() {
        return "";
    }

    @Override
    public void restore(String snapshot) {
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "divergence=%.4fUSD", divergence);
    }
}
