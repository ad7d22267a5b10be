package dev.sigil.fleet.db.ledger;

/**
 * Whose ledger it is: the variant, the session its rows belong to, the strategy that signals, and the kind of market
 * data the resume point belongs to ({@code replay}, {@code synthetic}, {@code binance}).
 */
public record LedgerBinding(String variant, long sessionId, String strategy, String marketData) {
}
