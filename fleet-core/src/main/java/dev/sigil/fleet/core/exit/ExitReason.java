package dev.sigil.fleet.core.exit;

/** Why a position was closed, in precedence order; the token is what the database and metrics carry. */
public enum ExitReason {
    HARD_STOP("hard_stop"),
    ATR_TRAIL("atr_trail"),
    TIME_EXIT("time_exit");

    private final String token;

    ExitReason(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static ExitReason ofToken(String token) {
        for (ExitReason reason : values()) {
            if (reason.token.equals(token)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown exit reason '" + token + "'");
    }
}
