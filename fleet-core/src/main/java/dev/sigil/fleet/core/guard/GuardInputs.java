package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.candle.Candle;
import java.util.Map;

/**
 * What the guards measure on a tick: the newest candle of every symbol seen so far, the open exposure as a percent
 * of equity, and the wallet-truth divergence in dollars (null when the ledger was not checked this tick).
 *
 * <p>The engine keeps one and {@linkplain #set refills} it every tick, so a tick allocates nothing for it: a guard
 * reads it while it measures and does not keep it.
 */
public final class GuardInputs {

    private final Map<String, Candle> latestCandles;
    private double exposurePct;
    private Double truthDivergenceUsd;

    public GuardInputs(Map<String, Candle> latestCandles, double exposurePct, Double truthDivergenceUsd) {
        this.latestCandles = latestCandles;
        set(exposurePct, truthDivergenceUsd);
    }

    /** This tick's exposure and divergence (the candles map is the engine's own, updated in place). */
    public GuardInputs set(double exposurePct, Double truthDivergenceUsd) {
        this.exposurePct = exposurePct;
        this.truthDivergenceUsd = truthDivergenceUsd;
        return this;
    }

    public Map<String, Candle> latestCandles() {
        return latestCandles;
    }

    public double exposurePct() {
        return exposurePct;
    }

    public Double truthDivergenceUsd() {
        return truthDivergenceUsd;
    }
}
