package dev.sigil.fleet.core.strategy;

/**
 * An entry strategy: candles in, entry signals out. It keeps one {@link SymbolStrategy} per symbol, fed every
 * accepted closed candle in time order; it decides only when to enter (exits and sizing belong to the engine).
 */
public interface Strategy {

    /** The name sessions and signals record, e.g. {@code ema_cross_v001}. */
    String name();

    SymbolStrategy forSymbol(String symbol);
}
