package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.candle.Candle;
import java.util.Map;

/**
 * What the guards measure on a tick: the newest candle of every symbol seen so far, the open exposure as a percent
 * of equity, and the wallet-truth divergence in dollars (null when the ledger was not checked this tick).
 */
public record GuardInputs(Map<String, Candle> latestCandles, double exposurePct, Double truthDivergenceUsd) {
}
