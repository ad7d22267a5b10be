package dev.sigil.fleet.session;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * A replay's connections commit without waiting for the server's disk ({@code synchronous_commit = off}). A replay
 * commits at every session end and start (three commits every two hours of candles), and on a server that flushes its
 * log at each commit those waits were most of a one-symbol replay's time (2.5 ms each here). Nothing a replay relies on
 * is weakened: a commit still reaches the server whole or not at all, so the ledger and its resume point stay one;
 * only a crash of the database server itself may lose the last fraction of a second of commits, and the next start
 * then resumes from the resume point that was kept and replays those candles again. Live runners keep the server's
 * setting.
 */
@Singleton
final class ReplayCommits implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String INIT_SQL = "SET synchronous_commit TO off";

    private final Provider<RunnerSettings> settings;

    ReplayCommits(Provider<RunnerSettings> settings) {
        this.settings = settings;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (settings.get().replay() && configuration.getConnectionInitSql() == null) {
            configuration.setConnectionInitSql(INIT_SQL);
        }
        return configuration;
    }
}
