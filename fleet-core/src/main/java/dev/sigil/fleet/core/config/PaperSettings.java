package dev.sigil.fleet.core.config;

/** The paper account and how fills are priced. */
public record PaperSettings(
        @Setting(value = "paper account balance at session start, dollars", min = 0, minExclusive = true, max = 1_000_000_000)
        double startingBalanceUsd,
        @Setting(value = "taker fee on each side, percent of notional", min = 0, max = 5)
        double feePct,
        @Setting(value = "adverse slippage on each fill, percent of price", min = 0, max = 5)
        double slippagePct,
        @Setting(value = "the exchange's minimum order notional, dollars; smaller entries are rejected", min = 0, max = 10_000)
        double minNotionalUsd) {
}
