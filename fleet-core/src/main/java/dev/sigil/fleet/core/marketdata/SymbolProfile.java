package dev.sigil.fleet.core.marketdata;

import java.util.Map;

/**
 * How a synthetic symbol behaves: its starting price, the standard deviation of its hourly log return (in
 * percent; the hourly ATR comes out at about 2.2 × that, the regimes included) and its typical volume per hour. Well-known symbols get realistic profiles; TSTUSDT is the design's
 * meme coin (hourly ATR 2.5–4 % of price); any other symbol gets a profile derived from its name.
 */
public record SymbolProfile(String symbol, double startPrice, double hourlyVolatilityPct, double hourlyVolume) {

    private static final Map<String, SymbolProfile> KNOWN = Map.of(
            "BTCUSDT", new SymbolProfile("BTCUSDT", 62_000, 0.32, 900),
            "ETHUSDT", new SymbolProfile("ETHUSDT", 3_100, 0.42, 12_000),
            "SOLUSDT", new SymbolProfile("SOLUSDT", 145, 0.60, 150_000),
            "BNBUSDT", new SymbolProfile("BNBUSDT", 560, 0.38, 20_000),
            "XRPUSDT", new SymbolProfile("XRPUSDT", 0.62, 0.50, 9_000_000),
            "DOGEUSDT", new SymbolProfile("DOGEUSDT", 0.15, 0.65, 40_000_000),
            "ADAUSDT", new SymbolProfile("ADAUSDT", 0.45, 0.55, 8_000_000),
            "AVAXUSDT", new SymbolProfile("AVAXUSDT", 35, 0.62, 200_000),
            "LINKUSDT", new SymbolProfile("LINKUSDT", 15, 0.58, 300_000),
            "TSTUSDT", new SymbolProfile("TSTUSDT", 0.052, 1.50, 60_000_000));

    public static SymbolProfile of(String symbol) {
        SymbolProfile known = KNOWN.get(symbol);
        if (known != null) {
            return known;
        }
        int hash = symbol.hashCode() & 0x7fffffff;
        double price = 0.5 + (hash % 20_000) / 100.0;
        double volatility = 0.3 + (hash / 20_000 % 100) / 100.0;
        return new SymbolProfile(symbol, price, volatility, 1_000_000 / price);
    }
}
