package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.strategy.EntrySignal;
import dev.sigil.fleet.core.strategy.Strategy;
import dev.sigil.fleet.core.strategy.SymbolStrategy;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A strategy that signals exactly on the candles a test names (symbol@open time), so entries are hand-placed. */
final class ScriptedStrategy implements Strategy {

    private final Set<String> fireOn = new HashSet<>();

    void fireOn(String symbol, Instant candleOpen) {
        fireOn.add(symbol + "@" + candleOpen);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public SymbolStrategy forSymbol(String symbol) {
        return candle -> fireOn.contains(symbol + "@" + candle.openTime())
                ? new EntrySignal(symbol, candle.openTime(), candle.closeTime(), candle.close(), Map.of())
                : null;
    }
}
