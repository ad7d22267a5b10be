package dev.sigil.fleet.core.session;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a session ended, as {@code sessions.end_reason} records it: one of the plain reasons, or a HALT with the guard's
 * or the risk limit's reason ({@code halt:degraded_episode_cap}). The words exist here and nowhere else; the database
 * edge writes {@link #token()} and reads with {@link #parse}.
 */
public record EndReason(Kind kind, String haltReason) {

    /** The kinds of end. */
    public enum Kind {
        /** Stopped on request (SIGTERM/SIGINT, or the process asked to end). */
        SIGNAL_TERM("signal_term", true),
        /** The session's duration limit, on the tick clock. */
        DURATION_ELAPSED("duration_elapsed", true),
        /** A replay's data ended. */
        REPLAY_EXHAUSTED("replay_exhausted", true),
        /** The connection holding the variant's instance lock was lost (crash-only: the process ends and restarts). */
        LOCK_LOST("lock_lost", false),
        /** The session's loop failed unexpectedly. */
        FAILED("failed", false),
        /** Left open by a process that died; closed by the next start at its last heartbeat. */
        ABORTED("aborted", false),
        /** A guard HALT or a hard risk limit; the circuit breaker is tripped. */
        HALT("halt", false);

        private final String token;
        private final boolean clean;

        Kind(String token, boolean clean) {
            this.token = token;
            this.clean = clean;
        }
    }

    public static final EndReason SIGNAL_TERM = new EndReason(Kind.SIGNAL_TERM, null);
    public static final EndReason DURATION_ELAPSED = new EndReason(Kind.DURATION_ELAPSED, null);
    public static final EndReason REPLAY_EXHAUSTED = new EndReason(Kind.REPLAY_EXHAUSTED, null);
    public static final EndReason LOCK_LOST = new EndReason(Kind.LOCK_LOST, null);
    public static final EndReason FAILED = new EndReason(Kind.FAILED, null);
    public static final EndReason ABORTED = new EndReason(Kind.ABORTED, null);

    private static final String HALT_PREFIX = Kind.HALT.token + ":";

    public EndReason {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.HALT) != (haltReason != null)) {
            throw new IllegalArgumentException("a HALT and only a HALT has a reason: " + kind + " " + haltReason);
        }
    }

    /** A HALT for {@code reason} (a guard's, e.g. {@code degraded_episode_cap}, or a risk limit's, {@code max_daily_loss}). */
    public static EndReason halt(String reason) {
        return new EndReason(Kind.HALT, reason);
    }

    /** The end reason a database row holds; an unknown word is refused (it was not written by this code). */
    public static EndReason parse(String token) {
        if (token.startsWith(HALT_PREFIX)) {
            return halt(token.substring(HALT_PREFIX.length()));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.HALT && kind.token.equals(token)) {
                return new EndReason(kind, null);
            }
        }
        throw new IllegalArgumentException("not a session end reason: '" + token + "'");
    }

    /** The end reason a database row holds, if this code knows the word (rows written by other code may not). */
    public static Optional<EndReason> known(String token) {
        try {
            return Optional.of(parse(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The word in {@code sessions.end_reason} and in logs: {@code duration_elapsed}, {@code halt:degraded_episode_cap}. */
    public String token() {
        return kind == Kind.HALT ? HALT_PREFIX + haltReason : kind.token;
    }

    /** Whether the session ended by a HALT. */
    public boolean halted() {
        return kind == Kind.HALT;
    }

    /** Ended on purpose (stopped, its duration done, its replay done): a variant whose last session ended so is stopped, not dead. */
    public boolean clean() {
        return kind.clean;
    }

    /** The SQL pattern that matches every HALT in {@code sessions.end_reason} (LIKE). */
    public static String haltPattern() {
        return HALT_PREFIX + "%";
    }

    @Override
    public String toString() {
        return token();
    }
}
