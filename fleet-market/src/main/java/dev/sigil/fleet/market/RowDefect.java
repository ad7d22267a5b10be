package dev.sigil.fleet.market;

/**
 * Why a source row (a line of a kline dump, a row of a Binance answer) was skipped before it became a candle. The
 * token names it in logs and reports; the runner counts these rows as {@code sigil_bad_candles_total{reason="malformed"}},
 * apart from the candles its candle gate rejects.
 */
public enum RowDefect {
    /** A byte outside ASCII (kline rows are plain ASCII): a damaged line; only that line is lost. */
    NON_ASCII("non_ascii"),
    /** Not the fields of a kline row: too few of them, far too long a line, or (Binance) not an array. */
    WRONG_SHAPE("wrong_shape"),
    /** A needed field is empty, null or not a number. */
    NOT_A_NUMBER("not_a_number");

    private final String token;

    RowDefect(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
