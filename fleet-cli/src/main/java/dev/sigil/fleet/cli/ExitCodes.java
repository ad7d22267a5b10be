package dev.sigil.fleet.cli;

/**
 * Exit codes of {@code fleet}, the same for every command (listed in every {@code --help}).
 * 2 is kept for "unreachable" so that {@code fleet heartbeat check} reads like a classic dead-man probe.
 */
public final class ExitCodes {

    /** Everything asked for was done, every check passed. */
    public static final int OK = 0;
    /** The command ran but something failed or a check did not pass (for which variant, it says). */
    public static final int FAILED = 1;
    /** A variant database could not be reached (others were still handled). */
    public static final int UNREACHABLE = 2;
    /** {@code fleet reconcile}: the replay of the recorded candles differs from the live trades (each difference is listed). */
    public static final int DIFFERENCES = 3;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 64;
    /** A config file (overlay, fleet file) is invalid; every problem is printed. */
    public static final int INVALID_CONFIG = 65;
    /** Input data cannot be used (a kline file that cannot be read to its end); the file is named. Same code: a data error. */
    public static final int UNUSABLE_DATA = 65;
    /** An unexpected internal error; rerun with --verbose for the stack trace. */
    public static final int INTERNAL = 70;

    static final String FOOTER = """

            Exit codes: 0 ok · 1 failed (details printed) · 2 a database unreachable · 3 differences found (reconcile) · \
            64 usage error · \
            65 invalid config or unusable data · 70 internal error""";

    private ExitCodes() {
    }
}
