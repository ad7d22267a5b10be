package dev.sigil.fleet.core.config;

import java.util.List;

/** The symbol universe and the candle interval the scanner reads. */
public record MarketSettings(
        @Setting(value = "the symbol universe scanned each cycle (exchange symbols, e.g. BTCUSDT)", pattern = "[A-Z0-9]{2,20}", minSize = 1)
        List<String> symbols,
        @Setting(value = "candle interval (Binance kline interval)", oneOf = {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h"})
        String interval) {

    public MarketSettings {
        symbols = List.copyOf(symbols);
    }
}
