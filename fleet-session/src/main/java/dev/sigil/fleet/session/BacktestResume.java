package dev.sigil.fleet.session;

import dev.sigil.fleet.core.breaker.BreakerActor;
import dev.sigil.fleet.core.session.SessionRules;
import dev.sigil.fleet.db.breaker.BreakerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backtest run with --resume-after-halt resets, at each next session, a breaker the runner tripped (a HALT or a risk
 * limit: {@link SessionRules#backtestMayReset}), audited as done by {@code backtest}: the experiment covers all its
 * data and still counts its trips.
 */
final class BacktestResume {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestResume.class);

    private final DataSource dataSource;

    BacktestResume(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Resets the breaker if the runner tripped it, at {@code marketTime} on the replay's clock; whether it did. */
    boolean reset(String variant, Instant marketTime) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            BreakerStore.Status breaker = BreakerStore.status(connection, variant);
            if (breaker.tripped() && SessionRules.backtestMayReset(breaker.trippedBy())
                    && BreakerStore.reset(connection, variant, "resume after " + breaker.reason() + " (backtest --resume-after-halt)",
                    BreakerActor.BACKTEST.token(), marketTime)) {
                LOG.info("{}: circuit breaker ({}) reset by the backtest at {}; the replay trades on", variant, breaker.reason(), marketTime);
                return true;
            }
            return false;
        }
    }
}
