package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.config.GuardSettings;
import java.util.Locale;

/**
 * {@code inventory_corridor}: open exposure (Σ open notional at the last close, as a percent of equity) above
 * {@code max_exposure_pct} for the ticks of {@code corridor_lookback_seconds} in a row enters; back under
 * {@code corridor_exit_pct} (a stricter level: hysteresis) for as many ticks in a row recovers (the tracker counts
 * those with the lookback as its stability period).
 */
final class InventoryCorridor implements GuardSignal {

    private final GuardSettings settings;
    private final int lookbackTicks;
    private double exposurePct;
    private int outsideRun;
    private boolean measured;

    InventoryCorridor(GuardSettings settings, int lookbackTicks) {
        this.settings = settings;
        this.lookbackTicks = lookbackTicks;
    }

    @Override
    public void measure(GuardInputs inputs) {
        measured = !Double.isNaN(inputs.exposurePct());
        if (!measured) {
            return;
        }
        exposurePct = inputs.exposurePct();
        outsideRun = outside() ? outsideRun + 1 : 0;
    }

    private boolean outside() {
        return exposurePct > settings.maxExposurePct();
    }

    @Override
    public boolean measured() {
        return measured;
    }

    @Override
    public boolean entryHolds() {
        return measured && outsideRun >= lookbackTicks;
    }

    @Override
    public boolean exitHolds() {
        return measured && exposurePct < settings.corridorExitPct();
    }

    @Override
    public void restartWindow() {
        outsideRun = measured && outside() ? 1 : 0;
    }

    /** {@code outside run,exposure,measured}. */
    @Override
    public String snapshot() {
        return outsideRun + "," + exposurePct + "," + measured;
    }

    @Override
    public void restore(String snapshot) {
        String[] parts = snapshot.split(",");
        if (parts.length != 3) {
            return;
        }
        outsideRun = Integer.parseInt(parts[0]);
        exposurePct = Double.parseDouble(parts[1]);
        measured = Boolean.parseBoolean(parts[2]);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "exposure=%.1f%% outside_for=%d", exposurePct, outsideRun);
    }
}
