package dev.sigil.fleet.core.strategy;

import java.time.Instant;
import java.util.Map;

/**
 * A long entry signal on a just-closed candle: the candle's open time identifies it, {@code close} is the price the
 * entry fills at (before slippage), {@code detail} holds the indicator values that triggered it (stored with it).
 */
public record EntrySignal(String symbol, Instant candleTime, Instant closeTime, double close, Map<String, Double> detail) {
}
