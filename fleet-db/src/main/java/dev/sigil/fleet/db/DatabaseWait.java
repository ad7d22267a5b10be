package dev.sigil.fleet.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start-up for the variant's database, so a runner started (or restarted by systemd) while PostgreSQL is
 * down or restarting comes up as soon as it is back instead of burning systemd's start limit. A refused login or a
 * missing database is not waited for: it is a configuration error and fails at once with one line.
 */
public final class DatabaseWait {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWait.class);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    /** The database refused the login or does not exist: waiting will not help. */
    public static final class LoginRefusedException extends RuntimeException {
        LoginRefusedException(String message) {
            super(message);
        }
    }

    /** The database could not be reached within the wait. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message);
        }
    }

    private DatabaseWait() {
    }

    /**
     * Returns once a connection works; false if {@code stop} was requested while waiting. Throws
     * {@link LoginRefusedException} at once for a refused login, {@link UnavailableException} after {@code wait}.
     */
    public static boolean await(DataSource dataSource, String what, Duration wait, BooleanSupplier stop) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Duration pause = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                if (attempt > 1) {
                    LOG.info("{}: the database answers again (attempt {})", what, attempt);
                }
                return true;
            } catch (SQLException e) {
                String problem = describe(e);
                if (isLoginProblem(e)) {
                    throw new LoginRefusedException(what + ": " + problem);
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new UnavailableException(what + ": the database did not answer within " + wait.toSeconds() + " s: " + problem);
                }
                LOG.warn("{}: the database does not answer ({}); trying again in {} s", what, problem, pause.toSeconds());
            }
            long until = System.nanoTime() + pause.toNanos();
            while (System.nanoTime() < until) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                Thread.sleep(200);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** SQLSTATE class 28 (invalid authorization) or 3D000 (no such database), anywhere in the chain. */
    static boolean isLoginProblem(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
                return true;
            }
        }
        return false;
    }

    /** The driver's own words (the innermost SQL exception), not the pool's wrapper; on one line. */
    public static String describe(Throwable error) {
        Throwable chosen = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException) {
                chosen = cause;
            }
        }
        String message = chosen.getMessage() == null ? chosen.getClass().getSimpleName() : chosen.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
