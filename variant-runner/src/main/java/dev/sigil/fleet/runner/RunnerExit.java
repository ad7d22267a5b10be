package dev.sigil.fleet.runner;

/** The runner process's exit codes (systemd restarts on any but 0). */
public final class RunnerExit {

    /** Ended cleanly: stop signal, replay exhausted, or the session ended and after-session is exit. */
    public static final int OK = 0;
    /** Something unexpected failed; the log says what. */
    public static final int FAILED = 1;
    /** A scan cycle hung past stall_exit_intervals × the scan interval (the watchdog). */
    public static final int STALLED = 3;
    /** The command line is wrong (unknown option or value); the message says which. */
    public static final int USAGE = 64;
    /** The config (overlay, --set) is invalid; every problem is logged. */
    public static final int INVALID_CONFIG = 65;
    /** A kline file of the replay cannot be read to its end (named in the log); --skip-bad-files goes on without it. */
    public static final int UNUSABLE_DATA = 65;
    /**
     * The database went away: it did not answer within the start-up wait, or the connection holding the instance
     * lock was lost mid-run (a PostgreSQL restart). systemd restarts the runner, which resumes where it stopped.
     */
    public static final int DATABASE_UNAVAILABLE = 69;
    /** The scan thread died (the watchdog). */
    public static final int THREAD_DIED = 70;
    /** Another runner already runs this variant on this database. */
    public static final int ALREADY_RUNNING = 75;
    /** The database refused the login (user, password) or does not exist. */
    public static final int LOGIN_REFUSED = 77;
    /** The database schema is behind the code: run fleet migrate. */
    public static final int SCHEMA_BEHIND = 78;

    private RunnerExit() {
    }
}
