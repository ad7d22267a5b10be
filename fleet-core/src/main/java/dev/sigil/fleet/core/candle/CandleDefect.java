package dev.sigil.fleet.core.candle;

/** Why a candle was not used (or, for {@link #GAP}, what was missing before it). The token is the metric label. */
public enum CandleDefect {
    /** The source row could not be read as a candle at all (wrong column count, not a number). */
    MALFORMED("malformed"),
    NOT_A_NUMBER("not_a_number"),
    NON_POSITIVE("non_positive"),
    HIGH_BELOW_LOW("high_below_low"),
    OPEN_OUTSIDE_RANGE("open_outside_range"),
    CLOSE_OUTSIDE_RANGE("close_outside_range"),
    DUPLICATE_TIME("duplicate_time"),
    OUT_OF_ORDER("out_of_order"),
    /** The candle's symbol is not in the configured universe. */
    UNKNOWN_SYMBOL("unknown_symbol"),
    /** Candles are missing before this one; this one is still used (a gap cannot be skipped, only counted). */
    GAP("gap");

    private final String token;

    CandleDefect(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
