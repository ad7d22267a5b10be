package dev.sigil.fleet.core.candle;

import java.time.Instant;

/**
 * One closed candle (kline) of one symbol. {@code quoteVolume} is the traded value in the quote currency, so
 * {@code quoteVolume / volume} is the candle's VWAP.
 */
public record Candle(String symbol, Instant openTime, Instant closeTime,
                     double open, double high, double low, double close, double volume, double quoteVolume) {
}
