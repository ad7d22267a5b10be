package dev.sigil.fleet.core.strategy;

import dev.sigil.fleet.core.candle.Candle;

/** A strategy's state for one symbol. */
public interface SymbolStrategy {

    /** Feeds the next closed candle; returns the entry signal it triggers, or null. Must be O(1). */
    EntrySignal onCandle(Candle candle);
}
