package dev.sigil.fleet.core.exit;

import dev.sigil.fleet.core.config.ExitSettings;

/**
 * The ATR-relative hard stop: {@code stop_pct = clamp(multiplier × atr_at_entry / entry_price, floor, cap)} and
 * {@code stop_price = entry_price × (1 − stop_pct)}. A multiplier of 0 leaves the floor alone, and so does an ATR that
 * is missing or not positive (G1: the floor is the stop when the ATR cannot say better). Floor and cap are percents in
 * the settings and fractions here.
 */
public final class HardStop {

    private HardStop() {
    }

    /** The stop distance as a fraction of the entry price (0.03 = 3 %). */
    public static double stopPct(ExitSettings settings, double atrAtEntry, double entryPrice) {
        double floor = settings.hardStopFloorPct() / 100;
        double cap = settings.hardStopCapPct() / 100;
        if (!(atrAtEntry > 0)) {
            return floor;
        }
        double atrDistance = settings.hardStopMultiplier() * atrAtEntry / entryPrice;
        return Math.min(cap, Math.max(floor, atrDistance));
    }

    public static double stopPrice(double entryPrice, double stopPct) {
        return entryPrice * (1 - stopPct);
    }
}
